"""Templates: checks, names, the domain on a real database, and the Block Kit builders."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from slackbot.blocks import ids
from slackbot.blocks.template_modal import build_form_errors, build_template_modal
from slackbot.blocks.template_sharing import build_popular, build_shared_post, saves_text
from slackbot.blocks.templates import MAX_LISTED, build_template_list, mention
from slackbot.blocks.text import build_error
from slackbot.db import SessionFactory, transaction
from slackbot.domain.interviews import Owner
from slackbot.domain.notes import (
    BUILTINS,
    MAX_BODY,
    PLACEHOLDERS,
    NoteContext,
    TemplateKind,
    check_body,
    render,
)
from slackbot.domain.sharing import (
    SaveStatus,
    popular_templates,
    save_shared,
    save_shared_template,
    share_template,
)
from slackbot.domain.template_forms import (
    TemplateFormErrors,
    TemplateInput,
    builtin_named,
    check_name,
    normalise_name,
    read_template_form,
    unique_name,
)
from slackbot.domain.templates import (
    TemplateGone,
    defaults_of,
    delete_template,
    find_template,
    my_templates,
    save_template,
    template_for,
    use_builtin,
    use_template,
)
from slackbot.domain.user_input import InputError
from slackbot.models import SharedTemplate, Template, TemplateSave, UserSettings
from slackbot.sandbox.answers import visible_text

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
TEAM = "T0TEAM001"
DANA = Owner(TEAM, "U0DANA001")
LEE = Owner(TEAM, "U0LEE0001")
OUTSIDER = Owner("T0OTHER01", "U0LEE0001")
THANKS = TemplateInput(
    name="Short and sincere", kind=TemplateKind.THANK_YOU, body="Hi {first_name}, re {topic}."
)


# -- pure checks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(TemplateKind))
def test_built_ins_are_valid_warm_and_specific(kind: TemplateKind) -> None:
    body = BUILTINS[kind]
    assert check_body(body) == body
    assert "{topic}" in body or kind == TemplateKind.CLOSURE
    assert "{first_name}" in body or "{formal_name}" in body
    for cliche in ("just checking in", "touching base", "circling back", "per my last"):
        assert cliche not in body.lower()


def test_every_built_in_renders_without_leftover_braces() -> None:
    context = NoteContext(
        interviewer="Maria Lopez",
        title="Director",
        company="Initrode",
        role="Data Engineer",
        topic=None,
        interview_day="Monday",
        my_name="Dana",
    )
    for body in BUILTINS.values():
        note = render(body, context)
        assert "{" not in note
        assert "Maria" in note


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("x" * (MAX_BODY + 1), "limit"),
        ("Hi {nonsense}", "{nonsense}"),
        ("Hi { first_name }", "Unknown placeholder"),
        ("Hi {first_name:>9}", "Unknown placeholder"),
        ("Hi {}", "Unknown placeholder"),
        ("Hi {first_name", "unmatched"),
        ("Hi first_name}", "unmatched"),
    ],
)
def test_bad_bodies_are_refused_with_the_reason(body: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        check_body(body)
    assert problem in caught.value.problem
    assert caught.value.example


def test_every_placeholder_is_accepted_and_bodies_are_trimmed() -> None:
    body = " ".join("{" + name + "}" for name in PLACEHOLDERS)
    assert check_body(f"\n {body}\r\n") == body
    assert check_body("a\x00b") == "ab"


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("  Short   and sincere ", "Short and sincere"),
        ('"Short and sincere"', "Short and sincere"),
        ("“Short and sincere”", "Short and sincere"),
        ("`x`", "x"),
        ('"', '"'),
    ],
)
def test_names_are_normalised_as_typed(typed: str, name: str) -> None:
    assert normalise_name(typed) == name


@pytest.mark.parametrize("name", ["", "  ", "x" * 81, "thank-you", "CLOSURE", "Thank-You-Card"])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(InputError):
        check_name(name)


def test_builtin_names_match_case_insensitively() -> None:
    assert builtin_named(" Follow-Up ") == TemplateKind.FOLLOW_UP
    assert builtin_named("follow up") is None


def test_unique_name_adds_the_first_free_suffix() -> None:
    assert unique_name("Short", set()) == "Short"
    assert unique_name("Short", {"short"}) == "Short (2)"
    assert unique_name("Short", {"short", "short (2)"}) == "Short (3)"
    assert unique_name("closure", set()) == "closure (2)"
    long = unique_name("x" * 80, {"x" * 80})
    assert len(long) == 80
    assert long.endswith(" (2)")


def test_the_form_reports_every_bad_field_at_once() -> None:
    with pytest.raises(TemplateFormErrors) as caught:
        read_template_form(name="", kind="memo", body="{nonsense}")
    assert set(caught.value.errors) == {"name", "kind", "body"}
    assert "For example" in caught.value.errors["body"]


def test_the_form_returns_clean_values() -> None:
    data = read_template_form(name=" Short ", kind="closure", body=" Bye {first_name} ")
    assert data == TemplateInput(name="Short", kind=TemplateKind.CLOSURE, body="Bye {first_name}")


# -- the domain on a database --------------------------------------------------------------------


def _write(sessions: SessionFactory, owner: Owner, data: TemplateInput = THANKS) -> int:
    with transaction(sessions) as session:
        return save_template(session, owner, data, template_id=None, now=NOW).template.id


def _share(sessions: SessionFactory, owner: Owner, name: str = THANKS.name) -> int:
    with transaction(sessions) as session:
        template = find_template(session, owner, name)
        assert template is not None
        return share_template(session, owner, template, channel_id="C0JOBS001", now=NOW).id


def test_names_are_unique_per_user_ignoring_case(sessions: SessionFactory) -> None:
    _write(sessions, DANA)
    clash = TemplateInput(name="SHORT AND SINCERE", kind=THANKS.kind, body="x")
    with transaction(sessions) as session, pytest.raises(TemplateFormErrors) as caught:
        save_template(session, DANA, clash, template_id=None, now=NOW)
    assert "already have" in caught.value.errors["name"]
    _write(sessions, LEE)
    with sessions() as session:
        assert len(session.scalars(select(Template)).all()) == 2


def test_editing_keeps_the_name_and_checks_ownership(sessions: SessionFactory) -> None:
    template_id = _write(sessions, DANA)
    edited = TemplateInput(name="short and sincere", kind=THANKS.kind, body="New {topic}")
    with transaction(sessions) as session:
        saved = save_template(session, DANA, edited, template_id=template_id, now=NOW)
        assert not saved.created
    with transaction(sessions) as session, pytest.raises(TemplateGone):
        save_template(session, LEE, edited, template_id=template_id, now=NOW)
    with sessions() as session:
        assert session.get(Template, template_id).body == "New {topic}"


def test_use_and_template_for(sessions: SessionFactory) -> None:
    template_id = _write(sessions, DANA)
    with transaction(sessions) as session:
        use_template(session, DANA, session.get(Template, template_id), now=NOW)
    with sessions() as session:
        assert template_for(
            session, team_id=TEAM, user_id=DANA.user_id, kind=TemplateKind.THANK_YOU
        ) == (THANKS.name, THANKS.body)
        # Another kind, another user and another workspace still get the built-in.
        for owner, kind in ((DANA, TemplateKind.CARD), (LEE, TemplateKind.THANK_YOU)):
            name, body = template_for(
                session, team_id=owner.team_id, user_id=owner.user_id, kind=kind
            )
            assert (name, body) == (kind.value, BUILTINS[kind])
        name, _ = template_for(
            session, team_id="T0OTHER01", user_id=DANA.user_id, kind=TemplateKind.THANK_YOU
        )
        assert name == "thank-you"
    with transaction(sessions) as session:
        assert use_builtin(session, DANA, TemplateKind.THANK_YOU, now=NOW) is True
        assert use_builtin(session, DANA, TemplateKind.THANK_YOU, now=NOW) is False


def test_changing_the_kind_of_a_default_falls_back(sessions: SessionFactory) -> None:
    template_id = _write(sessions, DANA)
    with transaction(sessions) as session:
        use_template(session, DANA, session.get(Template, template_id), now=NOW)
        as_card = TemplateInput(name=THANKS.name, kind=TemplateKind.CARD, body=THANKS.body)
        saved = save_template(session, DANA, as_card, template_id=template_id, now=NOW)
    assert saved.lost_default == TemplateKind.THANK_YOU
    with sessions() as session:
        name, _ = template_for(
            session, team_id=TEAM, user_id=DANA.user_id, kind=TemplateKind.THANK_YOU
        )
    assert name == "thank-you"


def test_template_for_ignores_a_default_of_another_kind(sessions: SessionFactory) -> None:
    template_id = _write(sessions, DANA)
    with transaction(sessions) as session:
        settings = session.get(UserSettings, (TEAM, DANA.user_id))
        assert settings is None
        use_template(session, DANA, session.get(Template, template_id), now=NOW)
        session.get(UserSettings, (TEAM, DANA.user_id)).default_closure_id = template_id
    with sessions() as session:
        name, _ = template_for(
            session, team_id=TEAM, user_id=DANA.user_id, kind=TemplateKind.CLOSURE
        )
    assert name == "closure"


def test_deleting_my_default_reports_the_fallback(sessions: SessionFactory) -> None:
    kept = _write(sessions, DANA, TemplateInput(name="Other", kind=THANKS.kind, body="x"))
    default = _write(sessions, DANA)
    with transaction(sessions) as session:
        use_template(session, DANA, session.get(Template, default), now=NOW)
    with transaction(sessions) as session:
        assert delete_template(session, DANA, session.get(Template, kept), now=NOW) is None
        fell_back = delete_template(session, DANA, session.get(Template, default), now=NOW)
    assert fell_back == TemplateKind.THANK_YOU
    with sessions() as session:
        settings = session.get(UserSettings, (TEAM, DANA.user_id))
        assert defaults_of(settings)[TemplateKind.THANK_YOU] is None
        assert my_templates(session, DANA) == []


def test_saving_a_share_copies_it_once_with_credit(sessions: SessionFactory) -> None:
    _write(sessions, DANA)
    shared_id = _share(sessions, DANA)

    with transaction(sessions) as session:
        first = save_shared(session, LEE, shared_id, now=NOW)
    with transaction(sessions) as session:
        second = save_shared(session, LEE, shared_id, now=NOW)

    assert first is not None
    assert first.status == SaveStatus.SAVED
    assert first.shared.save_count == 1
    assert second is not None
    assert second.status == SaveStatus.ALREADY
    assert second.shared.save_count == 1
    with sessions() as session:
        [copy] = my_templates(session, LEE)
        assert (copy.name, copy.body) == (THANKS.name, THANKS.body)
        assert (copy.author_user_id, copy.shared_from_id) == (DANA.user_id, shared_id)
        assert len(session.scalars(select(TemplateSave)).all()) == 1


def test_a_deleted_copy_comes_back_uncounted(sessions: SessionFactory) -> None:
    _write(sessions, DANA)
    shared_id = _share(sessions, DANA)
    with transaction(sessions) as session:
        result = save_shared(session, LEE, shared_id, now=NOW)
        assert result is not None
        assert result.template is not None
        delete_template(session, LEE, result.template, now=NOW)
    with transaction(sessions) as session:
        again = save_shared(session, LEE, shared_id, now=NOW)
    assert again is not None
    assert again.status == SaveStatus.SAVED
    assert again.shared.save_count == 1


def test_saves_are_scoped_to_the_workspace_and_skip_the_author(sessions: SessionFactory) -> None:
    _write(sessions, DANA)
    shared_id = _share(sessions, DANA)
    with transaction(sessions) as session:
        assert save_shared(session, OUTSIDER, shared_id, now=NOW) is None
        assert save_shared(session, LEE, None, now=NOW) is None
        assert save_shared(session, LEE, shared_id + 1000, now=NOW) is None
        own = save_shared(session, DANA, shared_id, now=NOW)
    assert own is not None
    assert own.status == SaveStatus.OWN
    with sessions() as session:
        assert session.get(SharedTemplate, shared_id).save_count == 0
        assert my_templates(session, OUTSIDER) == []


def test_simultaneous_saves_by_one_user_count_once(sessions: SessionFactory) -> None:
    _write(sessions, DANA)
    shared_id = _share(sessions, DANA)
    results = []

    def click() -> None:
        results.append(save_shared_template(sessions, LEE, shared_id, now=NOW))

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r.status for r in results if r) == [
        SaveStatus.ALREADY,
        SaveStatus.ALREADY,
        SaveStatus.ALREADY,
        SaveStatus.SAVED,
    ]
    with sessions() as session:
        assert session.get(SharedTemplate, shared_id).save_count == 1
        assert len(my_templates(session, LEE)) == 1


def test_popular_is_most_saved_first_within_the_workspace(sessions: SessionFactory) -> None:
    _write(sessions, DANA)
    _write(sessions, DANA, TemplateInput(name="Second", kind=THANKS.kind, body="x"))
    quiet = _share(sessions, DANA)
    loved = _share(sessions, DANA, "Second")
    with transaction(sessions) as session:
        save_shared(session, LEE, loved, now=NOW)
    with sessions() as session:
        assert [s.id for s in popular_templates(session, TEAM)] == [loved, quiet]
        assert popular_templates(session, "T0OTHER01") == []


# -- builders ------------------------------------------------------------------------------------


def _shared(body: str, *, saves: int = 0, name: str = "Short <!here>") -> SharedTemplate:
    return SharedTemplate(
        id=7,
        team_id=TEAM,
        author_user_id="U0DANA001",
        name=name,
        kind="thank-you",
        body=body,
        save_count=saves,
        created_at=NOW,
    )


def test_the_shared_post_is_in_channel_escaped_and_saveable() -> None:
    post = build_shared_post(_shared("Hi {first_name} <!channel> & <@U1>"))

    raw = json.dumps(post)
    assert post["response_type"] == "in_channel"
    assert "<!channel>" not in raw
    assert "<!here>" not in raw
    assert "<@U1>" not in raw
    text = visible_text(post)
    assert "<@U0DANA001> shared a thank-you template: *Short &lt;!here&gt;*" in text
    assert "Hi {first_name} &lt;!channel&gt; &amp; &lt;@U1&gt;" in text
    assert "Not saved yet" in text
    buttons = [e for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["value"]) for b in buttons] == [(ids.TPL_SAVE_SHARED, "7")]


def test_a_long_escaped_body_is_split_between_sections_not_inside_entities() -> None:
    post = build_shared_post(_shared("<" * MAX_BODY))
    sections = [b["text"]["text"] for b in post["blocks"][1:] if b["type"] == "section"]
    assert len(sections) > 1
    assert all(len(s) <= 3000 and s.replace("&lt;", "") == "" for s in sections)


@pytest.mark.parametrize(
    ("count", "text"), [(0, "Not saved yet"), (1, "Saved by 1 person"), (3, "Saved by 3 people")]
)
def test_save_counts_read_naturally(count: int, text: str) -> None:
    assert saves_text(count) == text
    assert text in visible_text(build_shared_post(_shared("x", saves=count)))


def test_mentions_are_built_only_from_user_ids() -> None:
    assert mention("U0DANA001") == "<@U0DANA001>"
    assert mention("<!channel>") == "&lt;!channel&gt;"
    assert mention(None) == "someone"


def _template(template_id: int, name: str, *, author: str | None = None) -> Template:
    return Template(
        id=template_id,
        team_id=TEAM,
        user_id="U0LEE0001",
        name=name,
        kind="thank-you",
        body="Hi {first_name}",
        author_user_id=author,
        shared_from_id=3 if author else None,
    )


def test_the_list_marks_defaults_and_credits_authors() -> None:
    mine = [_template(1, "Mine <b>"), _template(2, "Saved", author="U0DANA001")]
    defaults = {kind: None for kind in TemplateKind} | {TemplateKind.THANK_YOU: 2}

    reply = build_template_list(mine, defaults=defaults)

    text = visible_text(reply)
    assert "*Mine &lt;b&gt;* · thank-you\n" in text
    assert "*Saved* · thank-you · :star: default · from <@U0DANA001>" in text
    # The built-in thank-you is not the default any more; the others are.
    assert "*thank-you* · thank-you · built-in\n" in text
    assert "*closure* · closure · built-in · :star: default" in text


def test_a_long_list_stays_within_fifty_blocks() -> None:
    mine = [_template(n, f"T{n}") for n in range(120)]
    reply = build_template_list(mine, defaults=dict.fromkeys(TemplateKind))
    assert len(reply["blocks"]) <= 50
    assert f"…and {120 - MAX_LISTED} more." in visible_text(reply)


def test_the_modal_is_prefilled_and_clipped() -> None:
    view = build_template_modal(
        title="Edit template",
        name="n" * 100,
        kind=TemplateKind.CLOSURE,
        body="b" * 3000,
        template_id=4,
        response_url="https://hooks.example/1",
    )
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert len(inputs[ids.TPL_F_NAME]["initial_value"]) == 80
    assert len(inputs[ids.TPL_F_BODY]["initial_value"]) == MAX_BODY
    assert inputs[ids.TPL_F_KIND]["initial_option"]["value"] == "closure"
    assert json.loads(view["private_metadata"]) == {
        "template_id": 4,
        "response_url": "https://hooks.example/1",
    }
    assert view["callback_id"] == ids.TEMPLATE_MODAL


def test_form_errors_are_keyed_by_block_id() -> None:
    errors = build_form_errors({"name": "a", "kind": "b", "body": "c"})
    assert errors == {ids.TPL_F_NAME: "a", ids.TPL_F_KIND: "b", ids.TPL_F_BODY: "c"}


def test_errors_escape_what_the_user_typed() -> None:
    reply = build_error("No template “<!channel>”.", "/interview template edit <x>")
    assert "<!channel>" not in json.dumps(reply)
    assert reply["response_type"] == "ephemeral"


def test_popular_lists_counts_authors_and_save_buttons() -> None:
    reply = build_popular(
        [_shared("Hi", saves=2, name="A"), _shared("Yo", name="B")], viewer_id="U0LEE0001"
    )
    text = visible_text(reply)
    assert "*A* · thank-you · by <@U0DANA001> · Saved by 2 people" in text
    buttons = [b["accessory"]["action_id"] for b in reply["blocks"] if "accessory" in b]
    assert buttons == [ids.TPL_SAVE_POPULAR, ids.TPL_SAVE_POPULAR]
    assert "by you" in visible_text(build_popular([_shared("Hi")], viewer_id="U0DANA001"))
    assert "Nobody in this workspace" in visible_text(build_popular([], viewer_id="U0LEE0001"))
