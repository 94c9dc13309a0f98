"""Every table model passes pytest-qt's model tester, filled from the example county."""

from __future__ import annotations

from lmcdesk.ui.models.agenda import AgendaModel
from lmcdesk.ui.models.base import ID_ROLE, KIND_ROLE

from .conftest import open_editor


def test_record_page_models(qtmodeltester, window):
    for model in (window.meetings_page.model, window.meetings_page.proxy, window.people_page.model,
                  window.bodies_page.model, window.interests_page.model, window.actions_page.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_meeting_models(qtmodeltester, qtbot, window):
    editor = open_editor(qtbot, window, "demo-meeting-joint-draft")
    qtbot.waitUntil(lambda: window._probity_dock.panel.model.rowCount() > 0, timeout=5000)
    for model in (editor.agenda.model, editor.attendance.model, window._probity_dock.panel.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_empty_models(qtmodeltester):
    from lmcdesk.ui.models.attendance import AttendanceModel
    from lmcdesk.ui.models.directory import ActionsModel, InterestsModel, PeopleModel
    from lmcdesk.ui.models.findings import FindingsModel
    from lmcdesk.ui.models.meetings import MeetingsModel

    for cls in (AgendaModel, AttendanceModel, ActionsModel, InterestsModel, PeopleModel, FindingsModel, MeetingsModel):
        qtmodeltester.check(cls(), force_py=True)


def test_kind_badge_role_on_agenda(qtbot, window):
    editor = open_editor(qtbot, window, "demo-meeting-joint-draft")
    model = editor.agenda.model
    kinds = {model.index(r, AgendaModel.KIND).data(KIND_ROLE) for r in range(model.rowCount())}
    assert "commissioning" in kinds or "joint" in kinds
    assert model.index(0, 0).data(ID_ROLE)
