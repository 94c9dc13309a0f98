"""exchange state and approval seal (H8: meeting packs and tamper evidence)

Tables of ``lmcdesk.storage.exchange_state`` and ``lmcdesk.storage.seals``:
``exchange_state`` remembers, per meeting, the content both PCs last agreed
on; ``approval_seal`` is the hash chain over approved minutes versions.

Revision ID: 0002_h8
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = '0002_h8'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'exchange_state',
        sa.Column('meeting_id', sa.String(length=64), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('updated_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_exchange_state')),
    )
    op.create_table(
        'approval_seal',
        sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('meeting_id', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('approved_at', sa.String(length=40), nullable=False),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('record_hash', sa.String(length=64), nullable=False),
        sa.Column('sealed_at', sa.String(length=40), nullable=False),
        sa.Column('sealed_by', sa.String(length=200), nullable=False, server_default=''),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_approval_seal')),
        sa.UniqueConstraint('meeting_id', 'version', name='uq_approval_seal_meeting_id_version'),
    )


def downgrade() -> None:
    op.drop_table('approval_seal')
    op.drop_table('exchange_state')
