"""Help > Probity rules shows every rule with its id, statement, severity and source."""

from __future__ import annotations

from lmcdesk.probity import RULES
from lmcdesk.ui.models.rules import RulesModel, rule_rows
from lmcdesk.ui.rules_dialog import RulesDialog


def test_rules_model(qtmodeltester):
    model = RulesModel()
    model.set_rows(rule_rows())
    qtmodeltester.check(model)
    assert model.rowCount() == len(RULES) >= 11
    ids = [model.index(r, RulesModel.ID).data() for r in range(model.rowCount())]
    assert ids == [r.id for r in RULES]
    quorum = RULES[ids.index("P-QUORUM-ITEM")]
    row = ids.index("P-QUORUM-ITEM")
    assert quorum.statement in model.index(row, RulesModel.STATEMENT).data()
    assert model.index(row, RulesModel.SOURCE).data() == quorum.source
    assert model.index(row, RulesModel.SEVERITY).data().startswith("Error")


def test_help_menu_opens_the_rules_and_the_filter_narrows_them(qtbot, window):
    window.act_rules.trigger()
    dialog = window.rules_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.proxy.rowCount() == len(RULES)
    qtbot.keyClicks(dialog.filter, "chair")
    shown = [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())]
    assert shown and len(shown) < len(RULES)
    assert all("chair" in " ".join(dialog.proxy.index(r, c).data().lower() for c in range(4))
               for r in range(dialog.proxy.rowCount()))


def test_opening_at_a_rule_selects_it(qtbot):
    dialog = RulesDialog(select_rule="P-PART2-REASON")
    qtbot.addWidget(dialog)
    (selected,) = dialog.table.selectionModel().selectedRows()
    assert selected.data() == "P-PART2-REASON"


def test_probity_panel_link_opens_the_selected_findings_rule(qtbot, window):
    from .conftest import open_editor

    open_editor(qtbot, window, "demo-meeting-joint-draft")
    panel = window._probity_dock.panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    rule_ids = [panel.model.row_at(r).rule_id for r in range(panel.model.rowCount())]
    row = rule_ids.index("P-PART2-REASON")
    panel.table.selectRow(row)
    panel.rules_link.linkActivated.emit("rules")
    dialog = panel.rules_dialog
    qtbot.addWidget(dialog)
    (selected,) = dialog.table.selectionModel().selectedRows()
    assert selected.data() == "P-PART2-REASON"
