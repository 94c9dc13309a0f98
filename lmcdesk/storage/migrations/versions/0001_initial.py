"""First revision: every table, and full-text search on SQLite.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Column types are spelled as plain SQL types (enums and timestamps are words in
VARCHAR columns) so that this file never changes when the ORM module does.
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('user', sa.String(length=200), nullable=False),
    sa.Column('entity', sa.String(length=60), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_entity_id'), ['entity_id'], unique=False)

    op.create_table('body',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('parent_id', sa.String(length=64), nullable=True),
    sa.Column('quorum_minimum', sa.Integer(), nullable=True),
    sa.Column('quorum_fraction', sa.String(length=20), nullable=True),
    sa.Column('quorum_withdrawn_count', sa.Boolean(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['body.id'], name=op.f('fk_body_parent_id_body'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_body'))
    )
    with op.batch_alter_table('body', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_body_parent_id'), ['parent_id'], unique=False)

    op.create_table('paper_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_paper_blob'))
    )
    op.create_table('person',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('email', sa.String(length=300), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    op.create_table('gift_offer',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('offered_by', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('offered_on', sa.Date(), nullable=False),
    sa.Column('value_pence', sa.Integer(), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('body_id', sa.String(length=64), nullable=True),
    sa.Column('declared_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_gift_offer_body_id_body'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_gift_offer_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_offer'))
    )
    with op.batch_alter_table('gift_offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_offer_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gift_offer_person_id'), ['person_id'], unique=False)

    op.create_table('interest',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('organisation_id', sa.String(length=64), nullable=True),
    sa.Column('organisation_name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('declared_on', sa.Date(), nullable=True),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('nil_return', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['body.id'], name=op.f('fk_interest_organisation_id_body'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_interest_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interest'))
    )
    with op.batch_alter_table('interest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interest_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interest_person_id'), ['person_id'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('body_id', sa.String(length=64), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('venue', sa.String(length=300), nullable=False),
    sa.Column('chair_id', sa.String(length=64), nullable=True),
    sa.Column('vice_chair_id', sa.String(length=64), nullable=True),
    sa.Column('previous_minutes_note', sa.Text(), nullable=False),
    sa.Column('next_meeting', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_meeting_body_id_body'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], name=op.f('fk_meeting_chair_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['vice_chair_id'], ['person.id'], name=op.f('fk_meeting_vice_chair_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_body_id_date', ['body_id', 'date'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_chair_id'), ['chair_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_vice_chair_id'), ['vice_chair_id'], unique=False)

    op.create_table('membership',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('body_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('voting', sa.Boolean(), nullable=False),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_membership_body_id_body'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_membership_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership'))
    )
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_person_id'), ['person_id'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('meeting_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('business_kind', sa.String(length=40), nullable=False),
    sa.Column('item_type', sa.String(length=40), nullable=False),
    sa.Column('part', sa.String(length=40), nullable=False),
    sa.Column('exclusion_reason', sa.Text(), nullable=False),
    sa.Column('presenter_id', sa.String(length=64), nullable=True),
    sa.Column('planned_minutes', sa.Integer(), nullable=True),
    sa.Column('discussion', sa.Text(), nullable=False),
    sa.Column('acting_chair_id', sa.String(length=64), nullable=True),
    sa.Column('started_at', sa.Time(), nullable=True),
    sa.Column('ended_at', sa.Time(), nullable=True),
    sa.ForeignKeyConstraint(['acting_chair_id'], ['person.id'], name=op.f('fk_agenda_item_acting_chair_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['presenter_id'], ['person.id'], name=op.f('fk_agenda_item_presenter_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_acting_chair_id'), ['acting_chair_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_presenter_id'), ['presenter_id'], unique=False)

    op.create_table('minutes_version',
    sa.Column('meeting_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('approved_by', sa.String(length=300), nullable=False),
    sa.Column('approved_at', sa.String(length=40), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('change_note', sa.Text(), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_minutes_version_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'version', name=op.f('pk_minutes_version'))
    )
    op.create_table('action',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('meeting_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.String(length=64), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], name=op.f('fk_action_item_id_agenda_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_action_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], name=op.f('fk_action_owner_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_status'), ['status'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('meeting_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('capacity', sa.String(length=40), nullable=False),
    sa.Column('voting', sa.Boolean(), nullable=False),
    sa.Column('substitute_for_id', sa.String(length=64), nullable=True),
    sa.Column('representing_id', sa.String(length=64), nullable=True),
    sa.Column('arrived_time', sa.Time(), nullable=True),
    sa.Column('arrived_at_item_id', sa.String(length=64), nullable=True),
    sa.Column('departed_time', sa.Time(), nullable=True),
    sa.Column('departed_after_item_id', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['arrived_at_item_id'], ['agenda_item.id'], name=op.f('fk_attendance_arrived_at_item_id_agenda_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['departed_after_item_id'], ['agenda_item.id'], name=op.f('fk_attendance_departed_after_item_id_agenda_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attendance_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attendance_person_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['representing_id'], ['body.id'], name=op.f('fk_attendance_representing_id_body'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['substitute_for_id'], ['person.id'], name=op.f('fk_attendance_substitute_for_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_arrived_at_item_id'), ['arrived_at_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_departed_after_item_id'), ['departed_after_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_representing_id'), ['representing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_substitute_for_id'), ['substitute_for_id'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('abstentions', sa.Integer(), nullable=True),
    sa.Column('award_to_id', sa.String(length=64), nullable=True),
    sa.Column('by_consensus', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['award_to_id'], ['body.id'], name=op.f('fk_decision_award_to_id_body'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], name=op.f('fk_decision_item_id_agenda_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_award_to_id'), ['award_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_item_id'), ['item_id'], unique=False)

    op.create_table('declaration',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('interest_id', sa.String(length=64), nullable=True),
    sa.Column('nature', sa.Text(), nullable=False),
    sa.Column('interest_type', sa.String(length=40), nullable=True),
    sa.Column('organisation_id', sa.String(length=64), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('decided_by_id', sa.String(length=64), nullable=True),
    sa.Column('time_out', sa.Time(), nullable=True),
    sa.Column('time_in', sa.Time(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['person.id'], name=op.f('fk_declaration_decided_by_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['interest_id'], ['interest.id'], name=op.f('fk_declaration_interest_id_interest'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], name=op.f('fk_declaration_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['body.id'], name=op.f('fk_declaration_organisation_id_body'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_declaration_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declaration'))
    )
    with op.batch_alter_table('declaration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declaration_decided_by_id'), ['decided_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_declaration_interest_id'), ['interest_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_declaration_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_declaration_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_declaration_person_id'), ['person_id'], unique=False)

    op.create_table('item_organisation',
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('body_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_item_organisation_body_id_body'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], name=op.f('fk_item_organisation_item_id_agenda_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'body_id', 'role', name=op.f('pk_item_organisation'))
    )
    with op.batch_alter_table('item_organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_organisation_body_id'), ['body_id'], unique=False)

    op.create_table('paper',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('filename', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], name=op.f('fk_paper_item_id_agenda_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper'))
    )
    with op.batch_alter_table('paper', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_paper_sha256'), ['sha256'], unique=False)

    op.create_table('decision_participant',
    sa.Column('decision_id', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_decision_participant_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_decision_participant_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('decision_id', 'person_id', name=op.f('pk_decision_participant'))
    )
    with op.batch_alter_table('decision_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_participant_person_id'), ['person_id'], unique=False)

    op.create_table('vote',
    sa.Column('decision_id', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_vote_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_vote_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('decision_id', 'person_id', name=op.f('pk_vote'))
    )
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_person_id'), ['person_id'], unique=False)


    if op.get_bind().dialect.name == "sqlite":
        _create_search()


def _create_search() -> None:
    """SQLite FTS5 index over item titles, minutes text and resolutions.

    ``search_doc`` gives each agenda item a stable integer ``docid`` (the FTS
    rowid), so one item's entry can be replaced without scanning the index.
    """
    op.execute(
        "CREATE TABLE search_doc ("
        " docid INTEGER PRIMARY KEY AUTOINCREMENT,"
        " item_id VARCHAR(64) NOT NULL UNIQUE REFERENCES agenda_item(id) ON DELETE CASCADE,"
        " meeting_id VARCHAR(64) NOT NULL)"
    )
    op.execute("CREATE INDEX ix_search_doc_meeting_id ON search_doc (meeting_id)")
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "title, discussion, decisions, tokenize = 'unicode61 remove_diacritics 2')"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute("DROP TABLE IF EXISTS search_doc")
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_person_id'))

    op.drop_table('vote')
    with op.batch_alter_table('decision_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_participant_person_id'))

    op.drop_table('decision_participant')
    with op.batch_alter_table('paper', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_sha256'))
        batch_op.drop_index(batch_op.f('ix_paper_item_id'))

    op.drop_table('paper')
    with op.batch_alter_table('item_organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_organisation_body_id'))

    op.drop_table('item_organisation')
    with op.batch_alter_table('declaration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declaration_person_id'))
        batch_op.drop_index(batch_op.f('ix_declaration_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_declaration_item_id'))
        batch_op.drop_index(batch_op.f('ix_declaration_interest_id'))
        batch_op.drop_index(batch_op.f('ix_declaration_decided_by_id'))

    op.drop_table('declaration')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_item_id'))
        batch_op.drop_index(batch_op.f('ix_decision_award_to_id'))

    op.drop_table('decision')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_substitute_for_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_representing_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_person_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_departed_after_item_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_arrived_at_item_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_status'))
        batch_op.drop_index(batch_op.f('ix_action_owner_id'))
        batch_op.drop_index(batch_op.f('ix_action_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_action_item_id'))

    op.drop_table('action')
    op.drop_table('minutes_version')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_presenter_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_acting_chair_id'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_person_id'))
        batch_op.drop_index(batch_op.f('ix_membership_body_id'))

    op.drop_table('membership')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_vice_chair_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_date'))
        batch_op.drop_index(batch_op.f('ix_meeting_chair_id'))
        batch_op.drop_index('ix_meeting_body_id_date')

    op.drop_table('meeting')
    with op.batch_alter_table('interest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interest_person_id'))
        batch_op.drop_index(batch_op.f('ix_interest_organisation_id'))

    op.drop_table('interest')
    with op.batch_alter_table('gift_offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gift_offer_person_id'))
        batch_op.drop_index(batch_op.f('ix_gift_offer_body_id'))

    op.drop_table('gift_offer')
    op.drop_table('person')
    op.drop_table('paper_blob')
    with op.batch_alter_table('body', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_body_parent_id'))

    op.drop_table('body')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_entity_id'))

    op.drop_table('audit_log')
