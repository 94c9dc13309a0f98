"""search index carries the meeting date

``search_doc.meeting_date`` (ISO date text, as ``meeting.date`` is stored)
lets a search take the newest matches straight from the full-text index and
this small table, without looking up 17,000 meetings for a common phrase on a
ten-year record (``lmcdesk.storage.search``).  SQLite only: elsewhere there is
no ``search_doc``.

Revision ID: 0003_search_date
Revises: 0002_h8
"""

from alembic import op


revision = '0003_search_date'
down_revision = '0002_h8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ALTER TABLE search_doc ADD COLUMN meeting_date VARCHAR(10)")
    op.execute(
        "UPDATE search_doc SET meeting_date ="
        " (SELECT meeting.date FROM meeting WHERE meeting.id = search_doc.meeting_id)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ALTER TABLE search_doc DROP COLUMN meeting_date")
