"""Keeping the directory up to date from the People, Bodies, Register of
interests and Gifts pages: the actions, their dialogs and the writes.

Every write goes through the window's session on the worker
(``operations.run(session.write(...))``) and hands what it changed to the
window (``MainWindow.announce``): the pages showing those parts of the
directory are read again, and every open meeting editor takes the new
directory and re-runs its probity checks, so its panel shows what changed.
In a read-only window every action here is off.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox

from lmcdesk.services.changes import Changes
from lmcdesk.ui import errors as ui_errors
from lmcdesk.ui import operations

log = logging.getLogger(__name__)


def _day(d: date) -> str:
    return f"{d:%d %b %Y}".lstrip("0")


class DirectoryEditing(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        people, interests, bodies = window.people_page, window.interests_page, window.bodies_page
        gifts = window.gifts_page

        def act(page, text, slot, tip) -> QAction:
            action = QAction(text, page)
            action.setIconText(text)  # the button keeps its "…": it opens a dialog
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _=False: slot())
            return action

        self.act_add_person = act(people, "Add person…", self.add_person, "Add someone to the directory")
        self.act_edit_person = act(people, "Edit person…", self.edit_person,
                                   "Change the selected person's details and memberships (or press Enter)")
        self.act_delete_person = act(people, "Delete person…", self.delete_person,
                                     "Delete someone added by mistake (not someone the minutes or register name)")
        self.act_add_interest = act(interests, "Add interest…", self.add_interest,
                                    "Add an entry to the register of interests")
        self.act_edit_interest = act(interests, "Edit interest…", self.edit_interest,
                                     "Change the selected register entry (or press Enter)")
        self.act_reviewed = act(interests, "Mark reviewed today", self.mark_reviewed,
                                "Record that the selected people confirmed their current entries today")
        self.act_nil = act(interests, "Record nil return…", self.record_nil_return,
                           "Record that someone declared they have no interests")
        self.act_end_interest = act(interests, "End interest…", self.end_interest,
                                    "Give the selected interest the date it ended; it stays on the register")
        self.act_delete_interest = act(interests, "Delete interest…", self.delete_interest,
                                       "Delete a register entry made by mistake (not one the minutes' "
                                       "declarations refer to: end that instead)")
        self.act_add_gift = act(gifts, "Add gift or hospitality…", self.add_gift,
                                "Record a gift or hospitality someone was offered, accepted or declined")
        self.act_edit_gift = act(gifts, "Edit gift or hospitality…", self.edit_gift,
                                 "Change the selected entry (or press Enter)")
        self.act_delete_gift = act(gifts, "Delete gift or hospitality…", self.delete_gift,
                                   "Delete an entry made by mistake")
        self.act_add_body = act(bodies, "Add body…", self.add_body, "Add a practice, company or other body")
        self.act_edit_body = act(bodies, "Edit body…", self.edit_body,
                                 "Change the selected body (or press Enter)")
        people.add_actions([self.act_add_person, self.act_edit_person, self.act_delete_person])
        interests.add_actions([self.act_add_interest, self.act_edit_interest, self.act_end_interest,
                               self.act_nil, self.act_reviewed, self.act_delete_interest])
        gifts.add_actions([self.act_add_gift, self.act_edit_gift, self.act_delete_gift])
        bodies.add_actions([self.act_add_body, self.act_edit_body])
        people.activated.connect(lambda _id: self.edit_person())
        interests.activated.connect(lambda _id: self.edit_interest())
        gifts.activated.connect(lambda _id: self.edit_gift())
        bodies.activated.connect(lambda _id: self.edit_body())
        for page in (people, interests, gifts, bodies):
            page.table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
            page.proxy.modelReset.connect(self.update_actions)
        self.update_actions()

    # ------------------------------------------------------------------ state
    def writable(self) -> bool:
        w = self.window
        return w.session is not None and not w.session.read_only and w.overview is not None

    @property
    def directory(self):
        return self.window.overview.directory

    def update_actions(self) -> None:
        writable = self.writable()
        w = self.window
        people = writable and bool(w.people_page.selected_rows())
        interests = writable and bool(w.interests_page.selected_rows())
        gifts = writable and bool(w.gifts_page.selected_rows())
        for a in (self.act_add_person, self.act_add_interest, self.act_nil, self.act_add_body, self.act_add_gift):
            a.setEnabled(writable)
        for a in (self.act_edit_person, self.act_delete_person):
            a.setEnabled(people)
        for a in (self.act_edit_interest, self.act_end_interest, self.act_reviewed, self.act_delete_interest):
            a.setEnabled(interests)
        for a in (self.act_edit_gift, self.act_delete_gift):
            a.setEnabled(gifts)
        self.act_edit_body.setEnabled(writable and bool(w.bodies_page.selected_rows()))

    def _run(self, dialog) -> bool:
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def _write(self, fn, label: str, done: str, created: str | None = None) -> None:
        """Run ``fn(uow)`` (a service write returning ``Changes``) and announce
        what it changed; ``created``: the id of the entry it adds (its page selects it)."""
        session = self.window.session
        if session is None or session.read_only:
            return

        def saved(changes) -> None:
            self.window.statusBar().showMessage(done, 10000)
            self.window.announce(changes | Changes(created_id=created))

        operations.run(session.write(fn), saved, lambda exc: ui_errors.show_error(self.window, exc),
                       parent=self.window, label=label)

    # ------------------------------------------------------------------ people
    def add_person(self, person=None) -> None:
        if not self.writable():
            return
        from lmcdesk.ui.person_dialog import PersonDialog

        dialog = PersonDialog(self.directory, person, self.window)
        if not self._run(dialog):
            return
        p, memberships = dialog.person(), dialog.memberships()

        def work(uow):
            from lmcdesk.services.directory import save_person_with_memberships

            return save_person_with_memberships(uow, p, memberships)

        self._write(work, "Saving…", f"Saved {p.name}.", created=None if person else p.id)

    def edit_person(self) -> None:
        row = self.window.people_page.current_row()
        if row is not None and self.writable():
            self.add_person(self.directory.people.get(row.id))

    def delete_person(self) -> None:
        row = self.window.people_page.current_row()
        if row is None or not self.writable():
            return
        answer = QMessageBox.question(
            self.window, "Delete person",
            f"Delete {row.name} and their memberships from the directory?\n\nThis is for someone added by "
            "mistake. Someone named in minutes or on the register of interests cannot be deleted: untick "
            "'Active' instead.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work(uow):
            from lmcdesk.services.directory import remove_person

            return remove_person(uow, row.id)

        self._write(work, "Deleting…", f"Deleted {row.name}.")

    # ------------------------------------------------------------------ register
    def _selected_interest(self):
        row = self.window.interests_page.current_row()
        if row is None:
            return None
        return next((i for i in self.directory.interests if i.id == row.id), None)

    def _edit_interest(self, interest=None, person_id=None, nil_return=False) -> None:
        if not self.writable():
            return
        from lmcdesk.ui.interest_dialog import InterestDialog

        dialog = InterestDialog(self.directory, interest, person_id, nil_return, self.window)
        if not self._run(dialog):
            return
        entry = dialog.interest()

        def work(uow):
            from lmcdesk.services.directory import save_checked_interest

            return save_checked_interest(uow, entry)

        who = self.directory.person_name(entry.person_id)
        what = "nil return" if entry.nil_return else "register entry"
        self._write(work, "Saving…", f"Saved {who}'s {what}.", created=None if interest else entry.id)

    def add_interest(self) -> None:
        row = self.window.interests_page.current_row()
        self._edit_interest(person_id=row.person_id if row else None)

    def edit_interest(self) -> None:
        interest = self._selected_interest()
        if interest is not None:
            self._edit_interest(interest)

    def record_nil_return(self) -> None:
        row = self.window.interests_page.current_row()
        self._edit_interest(person_id=row.person_id if row else None, nil_return=True)

    def end_interest(self) -> None:
        interest = self._selected_interest()
        if interest is None or not self.writable():
            return
        from lmcdesk.ui.interest_dialog import EndInterestDialog

        dialog = EndInterestDialog(self.directory, interest, self.window)
        if not self._run(dialog):
            return
        day = dialog.day()

        def work(uow):
            from lmcdesk.services.directory import end_interest

            return end_interest(uow, interest.id, day)

        self._write(work, "Saving…", f"The interest now ends on {_day(day)}.")

    def mark_reviewed(self) -> None:
        if not self.writable():
            return
        rows = self.window.interests_page.selected_rows()
        person_ids = list(dict.fromkeys(r.person_id for r in rows))
        if not person_ids:
            return
        today = date.today()
        d = self.directory
        entries = [i for pid in person_ids for i in d.interests_of(pid) if i.valid_to is None or i.valid_to >= today]
        names = ", ".join(d.person_name(p) for p in person_ids)
        answer = QMessageBox.question(
            self.window, "Mark reviewed today",
            f"Record that {names} confirmed today ({_day(today)}) that their current register entries are "
            f"right? {len(entries)} {'entry' if len(entries) == 1 else 'entries'} will show as reviewed today.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work(uow):
            from lmcdesk.services.directory import mark_reviewed

            return mark_reviewed(uow, person_ids, today)

        self._write(work, "Saving…", f"Marked {names}'s register as reviewed on {_day(today)}.")

    def delete_interest(self) -> None:
        interest = self._selected_interest()
        if interest is None or not self.writable():
            return
        d = self.directory
        who = d.person_name(interest.person_id)
        what = "nil return" if interest.nil_return else (
            f"entry for {interest.organisation_name or d.body_name(interest.organisation_id) or interest.description}")
        # a declaration in an open meeting may not be in the record (another PC saved first): storage cannot see it
        if any(editor.refers_to_interest(interest.id) for editor in self.window.editors()):
            QMessageBox.information(
                self.window, "Delete interest",
                f"{who}'s register {what} cannot be deleted: a declaration in a meeting open here refers to "
                "it, and the minutes must keep saying what was declared. If the interest has stopped, end it "
                "instead (End interest…).")
            return
        answer = QMessageBox.question(
            self.window, "Delete interest",
            f"Delete {who}'s register {what}?\n\nThis is for an entry made by mistake. An interest that has "
            "stopped should be ended instead (End interest…), so the register still shows it was held. An "
            "entry that a declaration in the minutes refers to cannot be deleted.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work(uow):
            from lmcdesk.services.directory import remove_interest

            return remove_interest(uow, interest.id)

        self._write(work, "Deleting…", f"Deleted {who}'s register {what}.")

    # ------------------------------------------------------------------ gifts
    def _selected_gift(self):
        row = self.window.gifts_page.current_row()
        if row is None:
            return None
        return next((g for g in self.directory.gifts if g.id == row.id), None)

    def add_gift(self, gift=None) -> None:
        if not self.writable():
            return
        from lmcdesk.ui.gift_dialog import GiftDialog

        row = self.window.gifts_page.current_row()
        dialog = GiftDialog(self.directory, gift, row.person_id if row and gift is None else None, self.window)
        if not self._run(dialog):
            return
        entry = dialog.gift()

        def work(uow):
            from lmcdesk.services.directory import save_checked_gift

            return save_checked_gift(uow, entry)

        who = self.directory.person_name(entry.person_id)
        self._write(work, "Saving…", f"Saved the gift or hospitality offered to {who}.",
                    created=None if gift else entry.id)

    def edit_gift(self) -> None:
        gift = self._selected_gift()
        if gift is not None:
            self.add_gift(gift)

    def delete_gift(self) -> None:
        gift = self._selected_gift()
        if gift is None or not self.writable():
            return
        who = self.directory.person_name(gift.person_id)
        answer = QMessageBox.question(
            self.window, "Delete gift or hospitality",
            f"Delete '{gift.description}', offered to {who} by {gift.offered_by} on {_day(gift.offered_on)}, "
            "from the gifts and hospitality register?\n\nThis is for an entry made by mistake: a gift that was "
            "declined stays on the register, marked 'Declined'.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work(uow):
            from lmcdesk.services.directory import remove_gift

            return remove_gift(uow, gift.id)

        self._write(work, "Deleting…", f"Deleted the gift or hospitality offered to {who}.")

    # ------------------------------------------------------------------ bodies
    def add_body(self, body=None) -> None:
        if not self.writable():
            return
        from lmcdesk.ui.body_dialog import BodyDialog

        dialog = BodyDialog(self.directory, body, self.window)
        if not self._run(dialog):
            return
        b = dialog.body()

        def work(uow):
            from lmcdesk.services.directory import save_checked_body

            return save_checked_body(uow, b)

        self._write(work, "Saving…", f"Saved {b.name}.", created=None if body else b.id)

    def edit_body(self) -> None:
        row = self.window.bodies_page.current_row()
        if row is not None and self.writable():
            self.add_body(self.directory.bodies.get(row.id))
