"""frozen, signed approvals: the record's id, how minutes were approved, their frozen documents

* ``record_meta`` (key, value): ``record_id``, made here once for every record,
  new or upgraded; it names the record's key store (outside the database).
* ``minutes_version`` gains how the minutes were approved (date, approving
  meeting or none for by circulation, who signed from the record and their
  name as at approval, the amendment agreed), ``frozen_on_upgrade``, and the
  body's signature over a statement of it all (``cert_fingerprint``,
  ``statement``, ``signature``).
* ``approved_document`` (meeting_id, version, variant full|public): the
  frozen canonical document, its fingerprint and the signed PDF.

Versions approved before this revision are frozen by LMC Desk when the record
is next opened (``lmcdesk.services.approval.freeze_on_upgrade``): rendering
needs the templates, which a revision must not depend on.

Revision ID: 0004_frozen
Revises: 0003_search_date
"""

import uuid

from alembic import op
import sqlalchemy as sa


revision = '0004_frozen'
down_revision = '0003_search_date'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'approved_document',
        sa.Column('meeting_id', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('variant', sa.String(length=10), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('document', sa.LargeBinary(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('meeting_id', 'version', 'variant', name=op.f('pk_approved_document')),
    )
    meta = op.create_table(
        'record_meta',
        sa.Column('key', sa.String(length=60), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_record_meta')),
    )
    op.bulk_insert(meta, [{'key': 'record_id', 'value': uuid.uuid4().hex}])
    with op.batch_alter_table('minutes_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approved_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('approving_meeting_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('signed_by_person_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('signed_by_name', sa.String(length=300), server_default='', nullable=False))
        batch_op.add_column(sa.Column('amendment', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('frozen_on_upgrade', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('cert_fingerprint', sa.String(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('statement', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('signature', sa.Text(), server_default='', nullable=False))
        batch_op.create_index(batch_op.f('ix_minutes_version_signed_by_person_id'), ['signed_by_person_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_minutes_version_signed_by_person_id_person'), 'person',
                                    ['signed_by_person_id'], ['id'], ondelete='RESTRICT')


def downgrade() -> None:
    with op.batch_alter_table('minutes_version', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_minutes_version_signed_by_person_id_person'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_minutes_version_signed_by_person_id'))
        for column in ('signature', 'statement', 'cert_fingerprint', 'frozen_on_upgrade', 'amendment',
                       'signed_by_name', 'signed_by_person_id', 'approving_meeting_id', 'approved_on'):
            batch_op.drop_column(column)
    op.drop_table('record_meta')
    op.drop_table('approved_document')
