"""Action, block and callback ids shared by builders and listeners."""

# Views
LOG_MODAL = "log_interview"

# Log modal blocks (block_id == the field)
F_COMPANY = "company"
F_ROLE = "role"
F_DATE = "date"
F_TIME = "time"
F_LENGTH = "length"
F_INTERVIEWERS = "interviewers"
F_FORMAT = "format"
F_DECISION = "decision_by"
F_NOTES = "notes"

# Buttons on command replies
OPEN_LOG = "open_log"
HEARD_OUTCOME = "heard_outcome"
HEARD_PICK = "heard_pick"
CANCEL_CONFIRM = "cancel_confirm"
CANCEL_KEEP = "cancel_keep"
LOG_NEXT_ROUND = "log_next_round"

# Buttons on the answer to a shared calendar invite
INVITE_LOG = "invite_log"
INVITE_EDIT = "invite_edit"
INVITE_PICK = "invite_pick"

# Buttons on prompts
MARK_SENT = "mark_sent"
DRAFT_NOTE = "draft_note"
HEARD_BACK = "heard_back"
SNOOZE = "snooze"
FOLLOWED_UP = "followed_up"
DRAFT_FOLLOW_UP = "draft_follow_up"
DRAFT_CLOSURE = "draft_closure"
CLOSE_NO_RESPONSE = "close_no_response"
PROMPT_OUTCOME = "prompt_outcome"

# App Home
HOME_MARK_SENT = "home_mark_sent"
HOME_SNOOZE = "home_snooze"
HOME_SKIP = "home_skip"
HOME_SETTINGS = "home_settings"

# Settings modal (block_id == action_id == the field)
SETTINGS_MODAL = "settings"
SETTINGS_ZONE = "settings_zone"
SETTINGS_DAY_START = "settings_day_start"
SETTINGS_DAY_END = "settings_day_end"
SETTINGS_FOLLOW_UP_DAYS = "settings_follow_up_days"
SETTINGS_CLOSURE_DAYS = "settings_closure_days"
SETTINGS_WEEKENDS = "settings_weekends"
SETTINGS_SIGN_NAME = "settings_sign_name"
SETTINGS_COUNTRY = "settings_country"

# Stats, export and forget
DATA_FORGET_CONFIRM = "data_forget_confirm"
DATA_FORGET_KEEP = "data_forget_keep"

# Templates
TEMPLATE_MODAL = "template_modal"
TEMPLATE_SHORTCUT = "save_as_template"
TEMPLATE_NEW = "template_new"
TPL_F_NAME = "tpl_name"
TPL_F_KIND = "tpl_kind"
TPL_F_BODY = "tpl_body"
TPL_SAVE_SHARED = "tpl_save_shared"
TPL_SAVE_POPULAR = "tpl_save_popular"
TPL_COPY_BUILTIN = "tpl_copy_builtin"
TPL_MENU = "tpl_menu"
TPL_USE = "tpl_use"
TPL_DELETE_CONFIRM = "tpl_delete_confirm"
TPL_DELETE_KEEP = "tpl_delete_keep"
DM_PICK_INTERVIEW = "dm_pick_interview"
DM_PICK_PERSON = "dm_pick_person"
UNDO = "undo"
DRAFT_MODAL = "draft_note"
DRAFT_BODY = "draft_body"
DRAFT_EMAIL = "draft_email"
DRAFT_CARD = "draft_card"
DRAFT_TOPIC = "draft_topic"
DRAFT_TO = "draft_to"
DRAFT_ROLE = "draft_role"
DRAFT_WHO = "draft_who"
CLOSURE_FOLLOWED_UP = "closure_followed_up"
CLOSURE_NOT_YET = "closure_not_yet"
