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
