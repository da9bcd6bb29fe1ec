"""Schema version 8, generated from the register declarations by
``python -m tools.schema freeze 8``. Frozen: generated, never edited; later changes are a new
version and a migration step.
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    (
        "CREATE TABLE audit_log (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    at TEXT NOT NULL,\n"
        "    os_user TEXT NOT NULL,\n"
        "    action TEXT NOT NULL,\n"
        "    register TEXT,\n"
        "    record_id INTEGER,\n"
        "    record_label TEXT,\n"
        "    before TEXT,\n"
        "    after TEXT,\n"
        "    detail TEXT,\n"
        "    prev_hash TEXT NOT NULL,\n"
        "    hash TEXT NOT NULL)"
    ),
    "CREATE INDEX audit_log_record ON audit_log(register, record_id)",
    "CREATE INDEX audit_log_at ON audit_log(at)",
    (
        "CREATE TABLE import_layout (\n"
        "    spec TEXT NOT NULL,\n"
        "    signature TEXT NOT NULL,\n"
        "    mapping TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    PRIMARY KEY (spec, signature))"
    ),
    (
        "CREATE TABLE holiday_table (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    file_name TEXT NOT NULL,\n"
        "    sha256 TEXT NOT NULL,\n"
        "    imported_at TEXT NOT NULL,\n"
        "    imported_by TEXT NOT NULL,\n"
        "    first_year INTEGER NOT NULL,\n"
        "    last_year INTEGER NOT NULL,\n"
        "    count INTEGER NOT NULL)"
    ),
    (
        "CREATE TABLE holiday (\n"
        "    table_id INTEGER NOT NULL REFERENCES holiday_table(id) ON DELETE CASCADE,\n"
        "    day TEXT NOT NULL,\n"
        "    name TEXT NOT NULL,\n"
        "    PRIMARY KEY (table_id, day))"
    ),
    (
        "CREATE TABLE organisation (\n"
        "    id INTEGER PRIMARY KEY CHECK (id = 1),\n"
        "    name TEXT NOT NULL,\n"
        "    address TEXT,\n"
        "    representative TEXT,\n"
        "    fiscal_year_start TEXT NOT NULL DEFAULT '04-01',\n"
        "    privacy_officer_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    audit_officer_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    board_director_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    is_pmark_holder INTEGER DEFAULT 0 CHECK (is_pmark_holder IN (0, 1)),\n"
        "    pmark_registration_no TEXT,\n"
        "    pmark_expiry TEXT CHECK (pmark_expiry IS date(pmark_expiry)),\n"
        "    pmark_review_body TEXT,\n"
        "    ppc_report_destination TEXT DEFAULT 'ppc',\n"
        "    certified_org_membership TEXT,\n"
        "    published_policy_url TEXT,\n"
        "    published_matters_url TEXT,\n"
        "    default_dsr_sla_days INTEGER DEFAULT 14 CHECK (default_dsr_sla_days >= 1 AND default_dsr_sla_days <= 90),\n"
        "    request_retention_years INTEGER DEFAULT 3 CHECK (request_retention_years >= 1 AND request_retention_years <= 30),\n"
        "    complaint_retention_years INTEGER DEFAULT 3 CHECK (complaint_retention_years >= 1 AND complaint_retention_years <= 30),\n"
        "    incident_retention_years INTEGER DEFAULT 5 CHECK (incident_retention_years >= 1 AND incident_retention_years <= 30),\n"
        "    member_count INTEGER CHECK (member_count >= 0),\n"
        "    new_hire_training_days INTEGER DEFAULT 0 CHECK (new_hire_training_days >= 0 AND new_hire_training_days <= 365),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    (
        "CREATE TABLE department (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    name TEXT NOT NULL,\n"
        "    unit_type TEXT,\n"
        "    parent_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    manager_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    location TEXT,\n"
        "    active INTEGER DEFAULT 1 CHECK (active IN (0, 1)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX department_parent_id ON department(parent_id)",
    "CREATE INDEX department_manager_id ON department(manager_id)",
    "CREATE VIRTUAL TABLE department_fts USING fts5(code, name, location, content='department', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER department_fts_ai AFTER INSERT ON department BEGIN INSERT INTO department_fts(rowid, code, name, location) VALUES (new.id, new.code, new.name, new.location); END",
    "CREATE TRIGGER department_fts_ad AFTER DELETE ON department BEGIN INSERT INTO department_fts(department_fts, rowid, code, name, location) VALUES ('delete', old.id, old.code, old.name, old.location); END",
    "CREATE TRIGGER department_fts_au AFTER UPDATE ON department BEGIN INSERT INTO department_fts(department_fts, rowid, code, name, location) VALUES ('delete', old.id, old.code, old.name, old.location); INSERT INTO department_fts(rowid, code, name, location) VALUES (new.id, new.code, new.name, new.location); END",
    (
        "CREATE TABLE person (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    staff_no TEXT NOT NULL UNIQUE,\n"
        "    name TEXT NOT NULL,\n"
        "    kana TEXT,\n"
        "    department_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    employment_type TEXT,\n"
        "    pms_roles TEXT CHECK (json_type(pms_roles) = 'array'),\n"
        "    hire_date TEXT CHECK (hire_date IS date(hire_date)),\n"
        "    leave_date TEXT CHECK (leave_date IS date(leave_date)),\n"
        "    email TEXT,\n"
        "    is_handler INTEGER DEFAULT 1 CHECK (is_handler IN (0, 1)),\n"
        "    active INTEGER DEFAULT 1 CHECK (active IN (0, 1)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX person_employment_type ON person(employment_type)",
    "CREATE INDEX person_kana ON person(kana)",
    "CREATE INDEX person_hire_date ON person(hire_date)",
    "CREATE INDEX person_department_id ON person(department_id)",
    "CREATE VIRTUAL TABLE person_fts USING fts5(staff_no, name, kana, email, content='person', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER person_fts_ai AFTER INSERT ON person BEGIN INSERT INTO person_fts(rowid, staff_no, name, kana, email) VALUES (new.id, new.staff_no, new.name, new.kana, new.email); END",
    "CREATE TRIGGER person_fts_ad AFTER DELETE ON person BEGIN INSERT INTO person_fts(person_fts, rowid, staff_no, name, kana, email) VALUES ('delete', old.id, old.staff_no, old.name, old.kana, old.email); END",
    "CREATE TRIGGER person_fts_au AFTER UPDATE ON person BEGIN INSERT INTO person_fts(person_fts, rowid, staff_no, name, kana, email) VALUES ('delete', old.id, old.staff_no, old.name, old.kana, old.email); INSERT INTO person_fts(rowid, staff_no, name, kana, email) VALUES (new.id, new.staff_no, new.name, new.kana, new.email); END",
    (
        "CREATE TABLE catalogue (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    label_ja TEXT NOT NULL,\n"
        "    label_en TEXT NOT NULL,\n"
        "    source TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE VIRTUAL TABLE catalogue_fts USING fts5(code, label_ja, label_en, content='catalogue', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER catalogue_fts_ai AFTER INSERT ON catalogue BEGIN INSERT INTO catalogue_fts(rowid, code, label_ja, label_en) VALUES (new.id, new.code, new.label_ja, new.label_en); END",
    "CREATE TRIGGER catalogue_fts_ad AFTER DELETE ON catalogue BEGIN INSERT INTO catalogue_fts(catalogue_fts, rowid, code, label_ja, label_en) VALUES ('delete', old.id, old.code, old.label_ja, old.label_en); END",
    "CREATE TRIGGER catalogue_fts_au AFTER UPDATE ON catalogue BEGIN INSERT INTO catalogue_fts(catalogue_fts, rowid, code, label_ja, label_en) VALUES ('delete', old.id, old.code, old.label_ja, old.label_en); INSERT INTO catalogue_fts(rowid, code, label_ja, label_en) VALUES (new.id, new.code, new.label_ja, new.label_en); END",
    (
        "CREATE TABLE catalogue_item (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    catalogue_id INTEGER NOT NULL REFERENCES catalogue(id) ON DELETE RESTRICT,\n"
        "    code TEXT NOT NULL,\n"
        "    label_ja TEXT NOT NULL,\n"
        "    label_en TEXT NOT NULL,\n"
        "    sort_order INTEGER DEFAULT 0,\n"
        "    active INTEGER DEFAULT 1 CHECK (active IN (0, 1)),\n"
        "    extra TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (catalogue_id, code))"
    ),
    "CREATE VIRTUAL TABLE catalogue_item_fts USING fts5(code, label_ja, label_en, content='catalogue_item', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER catalogue_item_fts_ai AFTER INSERT ON catalogue_item BEGIN INSERT INTO catalogue_item_fts(rowid, code, label_ja, label_en) VALUES (new.id, new.code, new.label_ja, new.label_en); END",
    "CREATE TRIGGER catalogue_item_fts_ad AFTER DELETE ON catalogue_item BEGIN INSERT INTO catalogue_item_fts(catalogue_item_fts, rowid, code, label_ja, label_en) VALUES ('delete', old.id, old.code, old.label_ja, old.label_en); END",
    "CREATE TRIGGER catalogue_item_fts_au AFTER UPDATE ON catalogue_item BEGIN INSERT INTO catalogue_item_fts(catalogue_item_fts, rowid, code, label_ja, label_en) VALUES ('delete', old.id, old.code, old.label_ja, old.label_en); INSERT INTO catalogue_item_fts(rowid, code, label_ja, label_en) VALUES (new.id, new.code, new.label_ja, new.label_en); END",
    (
        "CREATE TABLE training_programme (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    fiscal_year INTEGER NOT NULL CHECK (fiscal_year >= 2000 AND fiscal_year <= 2100),\n"
        "    title TEXT NOT NULL,\n"
        "    training_type TEXT NOT NULL,\n"
        "    audience TEXT CHECK (json_type(audience) = 'array'),\n"
        "    planned_month INTEGER CHECK (planned_month >= 1 AND planned_month <= 12),\n"
        "    required INTEGER DEFAULT 1 CHECK (required IN (0, 1)),\n"
        "    jis_topics TEXT CHECK (json_type(jis_topics) = 'array'),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (fiscal_year, title))"
    ),
    "CREATE VIRTUAL TABLE training_programme_fts USING fts5(title, content='training_programme', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER training_programme_fts_ai AFTER INSERT ON training_programme BEGIN INSERT INTO training_programme_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER training_programme_fts_ad AFTER DELETE ON training_programme BEGIN INSERT INTO training_programme_fts(training_programme_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER training_programme_fts_au AFTER UPDATE ON training_programme BEGIN INSERT INTO training_programme_fts(training_programme_fts, rowid, title) VALUES ('delete', old.id, old.title); INSERT INTO training_programme_fts(rowid, title) VALUES (new.id, new.title); END",
    (
        "CREATE TABLE training_session (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    title TEXT NOT NULL,\n"
        "    programme_id INTEGER NOT NULL REFERENCES training_programme(id) ON DELETE RESTRICT,\n"
        "    held_on TEXT NOT NULL CHECK (held_on IS date(held_on)),\n"
        "    format TEXT,\n"
        "    instructor TEXT,\n"
        "    material_version TEXT,\n"
        "    duration_min INTEGER CHECK (duration_min >= 1 AND duration_min <= 1440),\n"
        "    has_test INTEGER DEFAULT 1 CHECK (has_test IN (0, 1)),\n"
        "    pass_mark INTEGER DEFAULT 80 CHECK (pass_mark >= 0 AND pass_mark <= 100),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (programme_id, held_on, title))"
    ),
    "CREATE INDEX training_session_programme_id_held_on ON training_session(programme_id, held_on)",
    "CREATE VIRTUAL TABLE training_session_fts USING fts5(title, instructor, content='training_session', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER training_session_fts_ai AFTER INSERT ON training_session BEGIN INSERT INTO training_session_fts(rowid, title, instructor) VALUES (new.id, new.title, new.instructor); END",
    "CREATE TRIGGER training_session_fts_ad AFTER DELETE ON training_session BEGIN INSERT INTO training_session_fts(training_session_fts, rowid, title, instructor) VALUES ('delete', old.id, old.title, old.instructor); END",
    "CREATE TRIGGER training_session_fts_au AFTER UPDATE ON training_session BEGIN INSERT INTO training_session_fts(training_session_fts, rowid, title, instructor) VALUES ('delete', old.id, old.title, old.instructor); INSERT INTO training_session_fts(rowid, title, instructor) VALUES (new.id, new.title, new.instructor); END",
    (
        "CREATE TABLE training_attendance (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    session_id INTEGER NOT NULL REFERENCES training_session(id) ON DELETE RESTRICT,\n"
        "    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    status TEXT NOT NULL DEFAULT 'attended',\n"
        "    score INTEGER CHECK (score >= 0 AND score <= 100),\n"
        "    passed INTEGER CHECK (passed IN (0, 1)),\n"
        "    retake_needed INTEGER DEFAULT 0 CHECK (retake_needed IN (0, 1)),\n"
        "    makeup_session_id INTEGER REFERENCES training_session(id) ON DELETE RESTRICT,\n"
        "    acknowledged INTEGER DEFAULT 0 CHECK (acknowledged IN (0, 1)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (session_id, person_id))"
    ),
    "CREATE INDEX training_attendance_person_id ON training_attendance(person_id)",
    "CREATE INDEX training_attendance_makeup_session_id ON training_attendance(makeup_session_id)",
    (
        "CREATE TABLE pledge (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    pledge_type TEXT NOT NULL DEFAULT 'hire',\n"
        "    signed_on TEXT NOT NULL CHECK (signed_on IS date(signed_on)),\n"
        "    version TEXT,\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (person_id, pledge_type, signed_on))"
    ),
    "CREATE INDEX pledge_person_id_pledge_type ON pledge(person_id, pledge_type)",
    (
        "CREATE TABLE purpose_of_use (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    text TEXT NOT NULL,\n"
        "    scope TEXT,\n"
        "    published_in TEXT,\n"
        "    published_at TEXT CHECK (published_at IS date(published_at)),\n"
        "    changed_at TEXT CHECK (changed_at IS date(changed_at)),\n"
        "    change_type TEXT,\n"
        "    includes_third_party INTEGER DEFAULT 0 CHECK (includes_third_party IN (0, 1)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE VIRTUAL TABLE purpose_of_use_fts USING fts5(text, content='purpose_of_use', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER purpose_of_use_fts_ai AFTER INSERT ON purpose_of_use BEGIN INSERT INTO purpose_of_use_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER purpose_of_use_fts_ad AFTER DELETE ON purpose_of_use BEGIN INSERT INTO purpose_of_use_fts(purpose_of_use_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER purpose_of_use_fts_au AFTER UPDATE ON purpose_of_use BEGIN INSERT INTO purpose_of_use_fts(purpose_of_use_fts, rowid, text) VALUES ('delete', old.id, old.text); INSERT INTO purpose_of_use_fts(rowid, text) VALUES (new.id, new.text); END",
    (
        "CREATE TABLE asset (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    asset_no TEXT NOT NULL UNIQUE,\n"
        "    name TEXT NOT NULL,\n"
        "    business_process TEXT,\n"
        "    owner_department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    responsible_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    subject_categories TEXT CHECK (json_type(subject_categories) = 'array'),\n"
        "    data_items TEXT,\n"
        "    special_care TEXT DEFAULT 'none',\n"
        "    sensitive_types TEXT CHECK (json_type(sensitive_types) = 'array'),\n"
        "    contains_my_number INTEGER DEFAULT 0 CHECK (contains_my_number IN (0, 1)),\n"
        "    contains_financial INTEGER DEFAULT 0 CHECK (contains_financial IN (0, 1)),\n"
        "    contains_children INTEGER DEFAULT 0 CHECK (contains_children IN (0, 1)),\n"
        "    record_count INTEGER CHECK (record_count >= 0),\n"
        "    volume_band TEXT,\n"
        "    is_personal_data INTEGER DEFAULT 1 CHECK (is_personal_data IN (0, 1)),\n"
        "    is_retained_personal_data INTEGER DEFAULT 1 CHECK (is_retained_personal_data IN (0, 1)),\n"
        "    acq_basis TEXT,\n"
        "    acq_method TEXT,\n"
        "    acq_source TEXT,\n"
        "    notice_method TEXT,\n"
        "    access_holders TEXT,\n"
        "    usage_end TEXT CHECK (usage_end IS date(usage_end)),\n"
        "    media TEXT CHECK (json_type(media) = 'array'),\n"
        "    storage_location TEXT,\n"
        "    storage_method TEXT,\n"
        "    retention_period TEXT,\n"
        "    retention_basis TEXT,\n"
        "    retention_until TEXT CHECK (retention_until IS date(retention_until)),\n"
        "    joint_use TEXT,\n"
        "    third_party_provision INTEGER DEFAULT 0 CHECK (third_party_provision IN (0, 1)),\n"
        "    foreign_country TEXT,\n"
        "    anonymised_derivatives TEXT,\n"
        "    disposal_method TEXT,\n"
        "    disposal_responsible_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    disposed_on TEXT CHECK (disposed_on IS date(disposed_on)),\n"
        "    classification TEXT,\n"
        "    last_reviewed TEXT CHECK (last_reviewed IS date(last_reviewed)),\n"
        "    next_review_due TEXT CHECK (next_review_due IS date(next_review_due)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX asset_next_review_due ON asset(next_review_due)",
    "CREATE INDEX asset_retention_until ON asset(retention_until)",
    "CREATE INDEX asset_owner_department_id ON asset(owner_department_id)",
    "CREATE INDEX asset_responsible_id ON asset(responsible_id)",
    "CREATE INDEX asset_disposal_responsible_id ON asset(disposal_responsible_id)",
    (
        "CREATE TABLE asset_purposes (\n"
        "    owner_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES purpose_of_use(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX asset_purposes_target ON asset_purposes(target_id)",
    "CREATE VIRTUAL TABLE asset_fts USING fts5(name, business_process, data_items, storage_location, content='asset', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER asset_fts_ai AFTER INSERT ON asset BEGIN INSERT INTO asset_fts(rowid, name, business_process, data_items, storage_location) VALUES (new.id, new.name, new.business_process, new.data_items, new.storage_location); END",
    "CREATE TRIGGER asset_fts_ad AFTER DELETE ON asset BEGIN INSERT INTO asset_fts(asset_fts, rowid, name, business_process, data_items, storage_location) VALUES ('delete', old.id, old.name, old.business_process, old.data_items, old.storage_location); END",
    "CREATE TRIGGER asset_fts_au AFTER UPDATE ON asset BEGIN INSERT INTO asset_fts(asset_fts, rowid, name, business_process, data_items, storage_location) VALUES ('delete', old.id, old.name, old.business_process, old.data_items, old.storage_location); INSERT INTO asset_fts(rowid, name, business_process, data_items, storage_location) VALUES (new.id, new.name, new.business_process, new.data_items, new.storage_location); END",
    (
        "CREATE TABLE control (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    category TEXT NOT NULL,\n"
        "    name_ja TEXT NOT NULL,\n"
        "    name_en TEXT,\n"
        "    gl_ref TEXT,\n"
        "    jis2017_ref TEXT,\n"
        "    jis2023_ref TEXT,\n"
        "    description TEXT,\n"
        "    evidence_expected TEXT,\n"
        "    active INTEGER DEFAULT 1 CHECK (active IN (0, 1)),\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE VIRTUAL TABLE control_fts USING fts5(name_ja, name_en, content='control', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER control_fts_ai AFTER INSERT ON control BEGIN INSERT INTO control_fts(rowid, name_ja, name_en) VALUES (new.id, new.name_ja, new.name_en); END",
    "CREATE TRIGGER control_fts_ad AFTER DELETE ON control BEGIN INSERT INTO control_fts(control_fts, rowid, name_ja, name_en) VALUES ('delete', old.id, old.name_ja, old.name_en); END",
    "CREATE TRIGGER control_fts_au AFTER UPDATE ON control BEGIN INSERT INTO control_fts(control_fts, rowid, name_ja, name_en) VALUES ('delete', old.id, old.name_ja, old.name_en); INSERT INTO control_fts(rowid, name_ja, name_en) VALUES (new.id, new.name_ja, new.name_en); END",
    (
        "CREATE TABLE control_status (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    control_id INTEGER NOT NULL REFERENCES control(id) ON DELETE RESTRICT,\n"
        "    scope TEXT NOT NULL DEFAULT 'org',\n"
        "    asset_id INTEGER REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    status TEXT NOT NULL DEFAULT 'planned',\n"
        "    owner_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    last_verified TEXT CHECK (last_verified IS date(last_verified)),\n"
        "    evidence TEXT,\n"
        "    gap_note TEXT,\n"
        "    due TEXT CHECK (due IS date(due)),\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (control_id, scope, asset_id))"
    ),
    "CREATE INDEX control_status_control_id_status ON control_status(control_id, status)",
    "CREATE INDEX control_status_asset_id ON control_status(asset_id)",
    "CREATE INDEX control_status_owner_id ON control_status(owner_id)",
    "CREATE VIRTUAL TABLE control_status_fts USING fts5(evidence, content='control_status', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER control_status_fts_ai AFTER INSERT ON control_status BEGIN INSERT INTO control_status_fts(rowid, evidence) VALUES (new.id, new.evidence); END",
    "CREATE TRIGGER control_status_fts_ad AFTER DELETE ON control_status BEGIN INSERT INTO control_status_fts(control_status_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence); END",
    "CREATE TRIGGER control_status_fts_au AFTER UPDATE ON control_status BEGIN INSERT INTO control_status_fts(control_status_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence); INSERT INTO control_status_fts(rowid, evidence) VALUES (new.id, new.evidence); END",
    (
        "CREATE TABLE risk_assessment (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    assessed_at TEXT NOT NULL CHECK (assessed_at IS date(assessed_at)),\n"
        "    assessor_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    approved_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    approved_at TEXT CHECK (approved_at IS date(approved_at)),\n"
        "    next_review_due TEXT CHECK (next_review_due IS date(next_review_due)),\n"
        "    trigger TEXT DEFAULT 'annual',\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX risk_assessment_asset_id_assessed_at ON risk_assessment(asset_id, assessed_at)",
    "CREATE INDEX risk_assessment_assessor_id ON risk_assessment(assessor_id)",
    "CREATE INDEX risk_assessment_approved_by_id ON risk_assessment(approved_by_id)",
    (
        "CREATE TABLE risk_item (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    assessment_id INTEGER NOT NULL REFERENCES risk_assessment(id) ON DELETE RESTRICT,\n"
        "    phase TEXT NOT NULL,\n"
        "    threat TEXT NOT NULL,\n"
        "    consequences TEXT CHECK (json_type(consequences) = 'array'),\n"
        "    scenario TEXT,\n"
        "    inherent_impact INTEGER NOT NULL CHECK (inherent_impact >= 1 AND inherent_impact <= 9),\n"
        "    inherent_likelihood INTEGER NOT NULL CHECK (inherent_likelihood >= 1 AND inherent_likelihood <= 9),\n"
        "    inherent_score INTEGER,\n"
        "    planned_owner_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    planned_due TEXT CHECK (planned_due IS date(planned_due)),\n"
        "    residual_impact INTEGER CHECK (residual_impact >= 1 AND residual_impact <= 9),\n"
        "    residual_likelihood INTEGER CHECK (residual_likelihood >= 1 AND residual_likelihood <= 9),\n"
        "    residual_score INTEGER,\n"
        "    residual_statement TEXT,\n"
        "    treatment TEXT,\n"
        "    accepted_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    accepted_at TEXT CHECK (accepted_at IS date(accepted_at)),\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX risk_item_residual_score ON risk_item(residual_score)",
    "CREATE INDEX risk_item_assessment_id ON risk_item(assessment_id)",
    "CREATE INDEX risk_item_planned_owner_id ON risk_item(planned_owner_id)",
    "CREATE INDEX risk_item_accepted_by_id ON risk_item(accepted_by_id)",
    (
        "CREATE TABLE risk_item_implemented_controls (\n"
        "    owner_id INTEGER NOT NULL REFERENCES risk_item(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES control(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX risk_item_implemented_controls_target ON risk_item_implemented_controls(target_id)",
    (
        "CREATE TABLE risk_item_planned_controls (\n"
        "    owner_id INTEGER NOT NULL REFERENCES risk_item(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES control(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX risk_item_planned_controls_target ON risk_item_planned_controls(target_id)",
    "CREATE VIRTUAL TABLE risk_item_fts USING fts5(scenario, content='risk_item', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER risk_item_fts_ai AFTER INSERT ON risk_item BEGIN INSERT INTO risk_item_fts(rowid, scenario) VALUES (new.id, new.scenario); END",
    "CREATE TRIGGER risk_item_fts_ad AFTER DELETE ON risk_item BEGIN INSERT INTO risk_item_fts(risk_item_fts, rowid, scenario) VALUES ('delete', old.id, old.scenario); END",
    "CREATE TRIGGER risk_item_fts_au AFTER UPDATE ON risk_item BEGIN INSERT INTO risk_item_fts(risk_item_fts, rowid, scenario) VALUES ('delete', old.id, old.scenario); INSERT INTO risk_item_fts(rowid, scenario) VALUES (new.id, new.scenario); END",
    (
        "CREATE TABLE contractor (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    name TEXT NOT NULL,\n"
        "    corp_no TEXT,\n"
        "    address TEXT,\n"
        "    representative TEXT,\n"
        "    service_category TEXT,\n"
        "    status TEXT NOT NULL DEFAULT 'active',\n"
        "    owner_department_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    started_on TEXT CHECK (started_on IS date(started_on)),\n"
        "    ended_on TEXT CHECK (ended_on IS date(ended_on)),\n"
        "    entrusted_work TEXT,\n"
        "    data_volume TEXT,\n"
        "    sensitivity TEXT DEFAULT 'general',\n"
        "    certification TEXT,\n"
        "    certification_no TEXT,\n"
        "    certification_expiry TEXT CHECK (certification_expiry IS date(certification_expiry)),\n"
        "    other_certifications TEXT,\n"
        "    data_location TEXT NOT NULL DEFAULT 'domestic',\n"
        "    foreign_country TEXT,\n"
        "    foreign_checked_on TEXT CHECK (foreign_checked_on IS date(foreign_checked_on)),\n"
        "    processes_abroad INTEGER DEFAULT 0 CHECK (processes_abroad IN (0, 1)),\n"
        "    incident_contact TEXT,\n"
        "    incident_phone TEXT,\n"
        "    incident_email TEXT,\n"
        "    risk_tier TEXT,\n"
        "    tier_factors TEXT CHECK (json_type(tier_factors) = 'array'),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX contractor_status ON contractor(status)",
    "CREATE INDEX contractor_risk_tier ON contractor(risk_tier)",
    "CREATE INDEX contractor_owner_department_id ON contractor(owner_department_id)",
    (
        "CREATE TABLE contractor_entrusted_assets (\n"
        "    owner_id INTEGER NOT NULL REFERENCES contractor(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX contractor_entrusted_assets_target ON contractor_entrusted_assets(target_id)",
    "CREATE VIRTUAL TABLE contractor_fts USING fts5(name, entrusted_work, content='contractor', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER contractor_fts_ai AFTER INSERT ON contractor BEGIN INSERT INTO contractor_fts(rowid, name, entrusted_work) VALUES (new.id, new.name, new.entrusted_work); END",
    "CREATE TRIGGER contractor_fts_ad AFTER DELETE ON contractor BEGIN INSERT INTO contractor_fts(contractor_fts, rowid, name, entrusted_work) VALUES ('delete', old.id, old.name, old.entrusted_work); END",
    "CREATE TRIGGER contractor_fts_au AFTER UPDATE ON contractor BEGIN INSERT INTO contractor_fts(contractor_fts, rowid, name, entrusted_work) VALUES ('delete', old.id, old.name, old.entrusted_work); INSERT INTO contractor_fts(rowid, name, entrusted_work) VALUES (new.id, new.name, new.entrusted_work); END",
    (
        "CREATE TABLE contractor_contract (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    contractor_id INTEGER NOT NULL REFERENCES contractor(id) ON DELETE RESTRICT,\n"
        "    contract_type TEXT NOT NULL DEFAULT 'service',\n"
        "    title TEXT,\n"
        "    signed_on TEXT CHECK (signed_on IS date(signed_on)),\n"
        "    term_start TEXT CHECK (term_start IS date(term_start)),\n"
        "    term_end TEXT CHECK (term_end IS date(term_end)),\n"
        "    auto_renew INTEGER DEFAULT 0 CHECK (auto_renew IN (0, 1)),\n"
        "    clauses TEXT CHECK (json_type(clauses) = 'array'),\n"
        "    retention_until TEXT CHECK (retention_until IS date(retention_until)),\n"
        "    file_ref TEXT,\n"
        "    terminated_on TEXT CHECK (terminated_on IS date(terminated_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX contractor_contract_contractor_id ON contractor_contract(contractor_id)",
    "CREATE VIRTUAL TABLE contractor_contract_fts USING fts5(title, content='contractor_contract', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER contractor_contract_fts_ai AFTER INSERT ON contractor_contract BEGIN INSERT INTO contractor_contract_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER contractor_contract_fts_ad AFTER DELETE ON contractor_contract BEGIN INSERT INTO contractor_contract_fts(contractor_contract_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER contractor_contract_fts_au AFTER UPDATE ON contractor_contract BEGIN INSERT INTO contractor_contract_fts(contractor_contract_fts, rowid, title) VALUES ('delete', old.id, old.title); INSERT INTO contractor_contract_fts(rowid, title) VALUES (new.id, new.title); END",
    (
        "CREATE TABLE contractor_subcontractor (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    contractor_id INTEGER NOT NULL REFERENCES contractor(id) ON DELETE RESTRICT,\n"
        "    name TEXT NOT NULL,\n"
        "    work TEXT,\n"
        "    location TEXT,\n"
        "    started_on TEXT CHECK (started_on IS date(started_on)),\n"
        "    approved_on TEXT CHECK (approved_on IS date(approved_on)),\n"
        "    approved_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    supervised_via_contractor INTEGER DEFAULT 1 CHECK (supervised_via_contractor IN (0, 1)),\n"
        "    ended_on TEXT CHECK (ended_on IS date(ended_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX contractor_subcontractor_contractor_id ON contractor_subcontractor(contractor_id)",
    "CREATE INDEX contractor_subcontractor_approved_by_id ON contractor_subcontractor(approved_by_id)",
    "CREATE VIRTUAL TABLE contractor_subcontractor_fts USING fts5(name, content='contractor_subcontractor', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER contractor_subcontractor_fts_ai AFTER INSERT ON contractor_subcontractor BEGIN INSERT INTO contractor_subcontractor_fts(rowid, name) VALUES (new.id, new.name); END",
    "CREATE TRIGGER contractor_subcontractor_fts_ad AFTER DELETE ON contractor_subcontractor BEGIN INSERT INTO contractor_subcontractor_fts(contractor_subcontractor_fts, rowid, name) VALUES ('delete', old.id, old.name); END",
    "CREATE TRIGGER contractor_subcontractor_fts_au AFTER UPDATE ON contractor_subcontractor BEGIN INSERT INTO contractor_subcontractor_fts(contractor_subcontractor_fts, rowid, name) VALUES ('delete', old.id, old.name); INSERT INTO contractor_subcontractor_fts(rowid, name) VALUES (new.id, new.name); END",
    (
        "CREATE TABLE contractor_evaluation (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    contractor_id INTEGER NOT NULL REFERENCES contractor(id) ON DELETE RESTRICT,\n"
        "    eval_type TEXT NOT NULL DEFAULT 'periodic',\n"
        "    evaluated_on TEXT NOT NULL CHECK (evaluated_on IS date(evaluated_on)),\n"
        "    methods TEXT CHECK (json_type(methods) = 'array'),\n"
        "    evaluator_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    score INTEGER,\n"
        "    max_score INTEGER,\n"
        "    score_percent INTEGER,\n"
        "    result TEXT,\n"
        "    approved_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    approved_on TEXT CHECK (approved_on IS date(approved_on)),\n"
        "    next_evaluation_due TEXT CHECK (next_evaluation_due IS date(next_evaluation_due)),\n"
        "    summary TEXT,\n"
        "    source_file TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX contractor_evaluation_contractor_id_evaluated_on ON contractor_evaluation(contractor_id, evaluated_on)",
    "CREATE INDEX contractor_evaluation_evaluator_id ON contractor_evaluation(evaluator_id)",
    "CREATE INDEX contractor_evaluation_approved_by_id ON contractor_evaluation(approved_by_id)",
    "CREATE VIRTUAL TABLE contractor_evaluation_fts USING fts5(summary, content='contractor_evaluation', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER contractor_evaluation_fts_ai AFTER INSERT ON contractor_evaluation BEGIN INSERT INTO contractor_evaluation_fts(rowid, summary) VALUES (new.id, new.summary); END",
    "CREATE TRIGGER contractor_evaluation_fts_ad AFTER DELETE ON contractor_evaluation BEGIN INSERT INTO contractor_evaluation_fts(contractor_evaluation_fts, rowid, summary) VALUES ('delete', old.id, old.summary); END",
    "CREATE TRIGGER contractor_evaluation_fts_au AFTER UPDATE ON contractor_evaluation BEGIN INSERT INTO contractor_evaluation_fts(contractor_evaluation_fts, rowid, summary) VALUES ('delete', old.id, old.summary); INSERT INTO contractor_evaluation_fts(rowid, summary) VALUES (new.id, new.summary); END",
    (
        "CREATE TABLE contractor_evaluation_answer (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    evaluation_id INTEGER NOT NULL REFERENCES contractor_evaluation(id) ON DELETE RESTRICT,\n"
        "    item TEXT NOT NULL,\n"
        "    score INTEGER CHECK (score >= 0 AND score <= 2),\n"
        "    evidence TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (evaluation_id, item))"
    ),
    (
        "CREATE TABLE contractor_improvement (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    evaluation_id INTEGER NOT NULL REFERENCES contractor_evaluation(id) ON DELETE RESTRICT,\n"
        "    item TEXT,\n"
        "    request TEXT NOT NULL,\n"
        "    owner_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    due_on TEXT NOT NULL CHECK (due_on IS date(due_on)),\n"
        "    status TEXT NOT NULL DEFAULT 'open',\n"
        "    closed_on TEXT CHECK (closed_on IS date(closed_on)),\n"
        "    outcome TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX contractor_improvement_status_due_on ON contractor_improvement(status, due_on)",
    "CREATE INDEX contractor_improvement_evaluation_id ON contractor_improvement(evaluation_id)",
    "CREATE INDEX contractor_improvement_owner_id ON contractor_improvement(owner_id)",
    "CREATE VIRTUAL TABLE contractor_improvement_fts USING fts5(request, content='contractor_improvement', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER contractor_improvement_fts_ai AFTER INSERT ON contractor_improvement BEGIN INSERT INTO contractor_improvement_fts(rowid, request) VALUES (new.id, new.request); END",
    "CREATE TRIGGER contractor_improvement_fts_ad AFTER DELETE ON contractor_improvement BEGIN INSERT INTO contractor_improvement_fts(contractor_improvement_fts, rowid, request) VALUES ('delete', old.id, old.request); END",
    "CREATE TRIGGER contractor_improvement_fts_au AFTER UPDATE ON contractor_improvement BEGIN INSERT INTO contractor_improvement_fts(contractor_improvement_fts, rowid, request) VALUES ('delete', old.id, old.request); INSERT INTO contractor_improvement_fts(rowid, request) VALUES (new.id, new.request); END",
    (
        "CREATE TABLE audit_plan (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    fiscal_year INTEGER NOT NULL UNIQUE CHECK (fiscal_year >= 2000 AND fiscal_year <= 2100),\n"
        "    title TEXT NOT NULL,\n"
        "    audit_officer_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    criteria TEXT,\n"
        "    checklist_version TEXT,\n"
        "    approved_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    approved_on TEXT CHECK (approved_on IS date(approved_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX audit_plan_audit_officer_id ON audit_plan(audit_officer_id)",
    "CREATE INDEX audit_plan_approved_by_id ON audit_plan(approved_by_id)",
    (
        "CREATE TABLE audit_plan_departments (\n"
        "    owner_id INTEGER NOT NULL REFERENCES audit_plan(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX audit_plan_departments_target ON audit_plan_departments(target_id)",
    "CREATE VIRTUAL TABLE audit_plan_fts USING fts5(title, content='audit_plan', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER audit_plan_fts_ai AFTER INSERT ON audit_plan BEGIN INSERT INTO audit_plan_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER audit_plan_fts_ad AFTER DELETE ON audit_plan BEGIN INSERT INTO audit_plan_fts(audit_plan_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER audit_plan_fts_au AFTER UPDATE ON audit_plan BEGIN INSERT INTO audit_plan_fts(audit_plan_fts, rowid, title) VALUES ('delete', old.id, old.title); INSERT INTO audit_plan_fts(rowid, title) VALUES (new.id, new.title); END",
    (
        "CREATE TABLE audit (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    title TEXT NOT NULL,\n"
        "    audit_type TEXT NOT NULL DEFAULT 'conformity',\n"
        "    plan_id INTEGER REFERENCES audit_plan(id) ON DELETE RESTRICT,\n"
        "    lead_auditor_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    external_body TEXT,\n"
        "    criteria TEXT,\n"
        "    planned_on TEXT CHECK (planned_on IS date(planned_on)),\n"
        "    started_on TEXT CHECK (started_on IS date(started_on)),\n"
        "    ended_on TEXT CHECK (ended_on IS date(ended_on)),\n"
        "    report_on TEXT CHECK (report_on IS date(report_on)),\n"
        "    report TEXT,\n"
        "    conclusion TEXT,\n"
        "    reported_to_top_on TEXT CHECK (reported_to_top_on IS date(reported_to_top_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX audit_audit_type_started_on ON audit(audit_type, started_on)",
    "CREATE INDEX audit_plan_id ON audit(plan_id)",
    "CREATE INDEX audit_lead_auditor_id ON audit(lead_auditor_id)",
    (
        "CREATE TABLE audit_departments (\n"
        "    owner_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX audit_departments_target ON audit_departments(target_id)",
    (
        "CREATE TABLE audit_auditors (\n"
        "    owner_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX audit_auditors_target ON audit_auditors(target_id)",
    "CREATE VIRTUAL TABLE audit_fts USING fts5(code, title, report, content='audit', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER audit_fts_ai AFTER INSERT ON audit BEGIN INSERT INTO audit_fts(rowid, code, title, report) VALUES (new.id, new.code, new.title, new.report); END",
    "CREATE TRIGGER audit_fts_ad AFTER DELETE ON audit BEGIN INSERT INTO audit_fts(audit_fts, rowid, code, title, report) VALUES ('delete', old.id, old.code, old.title, old.report); END",
    "CREATE TRIGGER audit_fts_au AFTER UPDATE ON audit BEGIN INSERT INTO audit_fts(audit_fts, rowid, code, title, report) VALUES ('delete', old.id, old.code, old.title, old.report); INSERT INTO audit_fts(rowid, code, title, report) VALUES (new.id, new.code, new.title, new.report); END",
    (
        "CREATE TABLE audit_checklist_item (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE RESTRICT,\n"
        "    seq INTEGER NOT NULL CHECK (seq >= 1),\n"
        "    control_id INTEGER REFERENCES control(id) ON DELETE RESTRICT,\n"
        "    question TEXT NOT NULL,\n"
        "    clause_ref TEXT,\n"
        "    result TEXT,\n"
        "    evidence TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (audit_id, seq))"
    ),
    "CREATE INDEX audit_checklist_item_control_id ON audit_checklist_item(control_id)",
    (
        "CREATE TABLE finding (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE RESTRICT,\n"
        "    checklist_item_id INTEGER REFERENCES audit_checklist_item(id) ON DELETE RESTRICT,\n"
        "    severity TEXT NOT NULL,\n"
        "    department_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    clause_ref TEXT,\n"
        "    description TEXT NOT NULL,\n"
        "    evidence TEXT,\n"
        "    found_on TEXT CHECK (found_on IS date(found_on)),\n"
        "    owner_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    due_on TEXT CHECK (due_on IS date(due_on)),\n"
        "    corrective_action_id INTEGER REFERENCES corrective_action(id) ON DELETE RESTRICT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX finding_severity_found_on ON finding(severity, found_on)",
    "CREATE INDEX finding_audit_id ON finding(audit_id)",
    "CREATE INDEX finding_checklist_item_id ON finding(checklist_item_id)",
    "CREATE INDEX finding_department_id ON finding(department_id)",
    "CREATE INDEX finding_owner_id ON finding(owner_id)",
    "CREATE INDEX finding_corrective_action_id ON finding(corrective_action_id)",
    "CREATE VIRTUAL TABLE finding_fts USING fts5(description, evidence, content='finding', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER finding_fts_ai AFTER INSERT ON finding BEGIN INSERT INTO finding_fts(rowid, description, evidence) VALUES (new.id, new.description, new.evidence); END",
    "CREATE TRIGGER finding_fts_ad AFTER DELETE ON finding BEGIN INSERT INTO finding_fts(finding_fts, rowid, description, evidence) VALUES ('delete', old.id, old.description, old.evidence); END",
    "CREATE TRIGGER finding_fts_au AFTER UPDATE ON finding BEGIN INSERT INTO finding_fts(finding_fts, rowid, description, evidence) VALUES ('delete', old.id, old.description, old.evidence); INSERT INTO finding_fts(rowid, description, evidence) VALUES (new.id, new.description, new.evidence); END",
    (
        "CREATE TABLE corrective_action (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    title TEXT NOT NULL,\n"
        "    status TEXT,\n"
        "    source TEXT NOT NULL,\n"
        "    source_label TEXT,\n"
        "    raised_on TEXT NOT NULL CHECK (raised_on IS date(raised_on)),\n"
        "    department_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    previous_id INTEGER REFERENCES corrective_action(id) ON DELETE RESTRICT,\n"
        "    root_cause TEXT,\n"
        "    correction TEXT,\n"
        "    action TEXT,\n"
        "    owner_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    due_on TEXT CHECK (due_on IS date(due_on)),\n"
        "    completed_on TEXT CHECK (completed_on IS date(completed_on)),\n"
        "    effectiveness_due TEXT CHECK (effectiveness_due IS date(effectiveness_due)),\n"
        "    effectiveness TEXT,\n"
        "    effectiveness_checked_on TEXT CHECK (effectiveness_checked_on IS date(effectiveness_checked_on)),\n"
        "    checked_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    effectiveness_note TEXT,\n"
        "    closed_on TEXT CHECK (closed_on IS date(closed_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX corrective_action_status ON corrective_action(status)",
    "CREATE INDEX corrective_action_source ON corrective_action(source)",
    "CREATE INDEX corrective_action_raised_on ON corrective_action(raised_on)",
    "CREATE INDEX corrective_action_department_id ON corrective_action(department_id)",
    "CREATE INDEX corrective_action_previous_id ON corrective_action(previous_id)",
    "CREATE INDEX corrective_action_owner_id ON corrective_action(owner_id)",
    "CREATE INDEX corrective_action_checked_by_id ON corrective_action(checked_by_id)",
    "CREATE VIRTUAL TABLE corrective_action_fts USING fts5(code, title, source_label, root_cause, action, content='corrective_action', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER corrective_action_fts_ai AFTER INSERT ON corrective_action BEGIN INSERT INTO corrective_action_fts(rowid, code, title, source_label, root_cause, action) VALUES (new.id, new.code, new.title, new.source_label, new.root_cause, new.action); END",
    "CREATE TRIGGER corrective_action_fts_ad AFTER DELETE ON corrective_action BEGIN INSERT INTO corrective_action_fts(corrective_action_fts, rowid, code, title, source_label, root_cause, action) VALUES ('delete', old.id, old.code, old.title, old.source_label, old.root_cause, old.action); END",
    "CREATE TRIGGER corrective_action_fts_au AFTER UPDATE ON corrective_action BEGIN INSERT INTO corrective_action_fts(corrective_action_fts, rowid, code, title, source_label, root_cause, action) VALUES ('delete', old.id, old.code, old.title, old.source_label, old.root_cause, old.action); INSERT INTO corrective_action_fts(rowid, code, title, source_label, root_cause, action) VALUES (new.id, new.code, new.title, new.source_label, new.root_cause, new.action); END",
    (
        "CREATE TABLE audit_question (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    question TEXT NOT NULL,\n"
        "    clause_ref TEXT,\n"
        "    active INTEGER DEFAULT 1 CHECK (active IN (0, 1)),\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE VIRTUAL TABLE audit_question_fts USING fts5(question, content='audit_question', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER audit_question_fts_ai AFTER INSERT ON audit_question BEGIN INSERT INTO audit_question_fts(rowid, question) VALUES (new.id, new.question); END",
    "CREATE TRIGGER audit_question_fts_ad AFTER DELETE ON audit_question BEGIN INSERT INTO audit_question_fts(audit_question_fts, rowid, question) VALUES ('delete', old.id, old.question); END",
    "CREATE TRIGGER audit_question_fts_au AFTER UPDATE ON audit_question BEGIN INSERT INTO audit_question_fts(audit_question_fts, rowid, question) VALUES ('delete', old.id, old.question); INSERT INTO audit_question_fts(rowid, question) VALUES (new.id, new.question); END",
    (
        "CREATE TABLE department_assignment (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    start_on TEXT CHECK (start_on IS date(start_on)),\n"
        "    end_on TEXT CHECK (end_on IS date(end_on)),\n"
        "    concurrent INTEGER DEFAULT 0 CHECK (concurrent IN (0, 1)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX department_assignment_person_id ON department_assignment(person_id)",
    "CREATE INDEX department_assignment_department_id ON department_assignment(department_id)",
    (
        "CREATE TABLE flow_decision (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    ref TEXT NOT NULL UNIQUE,\n"
        "    title TEXT NOT NULL,\n"
        "    decided_on TEXT NOT NULL CHECK (decided_on IS date(decided_on)),\n"
        "    decided_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    q_leaves_org INTEGER CHECK (q_leaves_org IN (0, 1)),\n"
        "    q_related_info INTEGER CHECK (q_related_info IN (0, 1)),\n"
        "    q_succession INTEGER CHECK (q_succession IN (0, 1)),\n"
        "    q_joint_use INTEGER CHECK (q_joint_use IN (0, 1)),\n"
        "    q_entrusted INTEGER CHECK (q_entrusted IN (0, 1)),\n"
        "    q_foreign INTEGER CHECK (q_foreign IN (0, 1)),\n"
        "    q_law_exception INTEGER CHECK (q_law_exception IN (0, 1)),\n"
        "    q_public_body INTEGER CHECK (q_public_body IN (0, 1)),\n"
        "    q_on_behalf INTEGER CHECK (q_on_behalf IN (0, 1)),\n"
        "    q_consent INTEGER CHECK (q_consent IN (0, 1)),\n"
        "    q_opt_out INTEGER CHECK (q_opt_out IN (0, 1)),\n"
        "    exemption_ground TEXT,\n"
        "    conclusion TEXT,\n"
        "    record_needed INTEGER CHECK (record_needed IN (0, 1)),\n"
        "    suggested_basis TEXT,\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX flow_decision_decided_by_id ON flow_decision(decided_by_id)",
    "CREATE VIRTUAL TABLE flow_decision_fts USING fts5(title, content='flow_decision', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER flow_decision_fts_ai AFTER INSERT ON flow_decision BEGIN INSERT INTO flow_decision_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER flow_decision_fts_ad AFTER DELETE ON flow_decision BEGIN INSERT INTO flow_decision_fts(flow_decision_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER flow_decision_fts_au AFTER UPDATE ON flow_decision BEGIN INSERT INTO flow_decision_fts(flow_decision_fts, rowid, title) VALUES ('delete', old.id, old.title); INSERT INTO flow_decision_fts(rowid, title) VALUES (new.id, new.title); END",
    (
        "CREATE TABLE provision_record (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    ref TEXT NOT NULL UNIQUE,\n"
        "    direction TEXT NOT NULL DEFAULT 'provide',\n"
        "    basis TEXT NOT NULL,\n"
        "    recording_method TEXT NOT NULL DEFAULT 'each',\n"
        "    recorded_on TEXT NOT NULL CHECK (recorded_on IS date(recorded_on)),\n"
        "    provided_on TEXT NOT NULL CHECK (provided_on IS date(provided_on)),\n"
        "    last_provided_on TEXT CHECK (last_provided_on IS date(last_provided_on)),\n"
        "    ongoing INTEGER DEFAULT 0 CHECK (ongoing IN (0, 1)),\n"
        "    decision_id INTEGER REFERENCES flow_decision(id) ON DELETE RESTRICT,\n"
        "    counterparty_name TEXT,\n"
        "    counterparty_address TEXT,\n"
        "    counterparty_representative TEXT,\n"
        "    unspecified_recipients INTEGER DEFAULT 0 CHECK (unspecified_recipients IN (0, 1)),\n"
        "    subject_identification TEXT,\n"
        "    data_items TEXT,\n"
        "    consent_statement TEXT,\n"
        "    foreign_info_provided INTEGER DEFAULT 0 CHECK (foreign_info_provided IN (0, 1)),\n"
        "    acquisition_history TEXT,\n"
        "    optout_publication TEXT,\n"
        "    record_needed INTEGER CHECK (record_needed IN (0, 1)),\n"
        "    complete INTEGER CHECK (complete IN (0, 1)),\n"
        "    retention_rule TEXT,\n"
        "    retention_until TEXT CHECK (retention_until IS date(retention_until)),\n"
        "    disposed_on TEXT CHECK (disposed_on IS date(disposed_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX provision_record_retention_until ON provision_record(retention_until)",
    "CREATE INDEX provision_record_provided_on ON provision_record(provided_on)",
    "CREATE INDEX provision_record_decision_id ON provision_record(decision_id)",
    (
        "CREATE TABLE provision_record_assets (\n"
        "    owner_id INTEGER NOT NULL REFERENCES provision_record(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX provision_record_assets_target ON provision_record_assets(target_id)",
    "CREATE VIRTUAL TABLE provision_record_fts USING fts5(counterparty_name, subject_identification, data_items, content='provision_record', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER provision_record_fts_ai AFTER INSERT ON provision_record BEGIN INSERT INTO provision_record_fts(rowid, counterparty_name, subject_identification, data_items) VALUES (new.id, new.counterparty_name, new.subject_identification, new.data_items); END",
    "CREATE TRIGGER provision_record_fts_ad AFTER DELETE ON provision_record BEGIN INSERT INTO provision_record_fts(provision_record_fts, rowid, counterparty_name, subject_identification, data_items) VALUES ('delete', old.id, old.counterparty_name, old.subject_identification, old.data_items); END",
    "CREATE TRIGGER provision_record_fts_au AFTER UPDATE ON provision_record BEGIN INSERT INTO provision_record_fts(provision_record_fts, rowid, counterparty_name, subject_identification, data_items) VALUES ('delete', old.id, old.counterparty_name, old.subject_identification, old.data_items); INSERT INTO provision_record_fts(rowid, counterparty_name, subject_identification, data_items) VALUES (new.id, new.counterparty_name, new.subject_identification, new.data_items); END",
    (
        "CREATE TABLE joint_use (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    name TEXT NOT NULL,\n"
        "    statement TEXT DEFAULT '当会は、以下のとおり個人データを共同利用します。',\n"
        "    purposes TEXT NOT NULL,\n"
        "    items TEXT NOT NULL,\n"
        "    users_scope TEXT NOT NULL,\n"
        "    responsible_name TEXT NOT NULL,\n"
        "    responsible_address TEXT,\n"
        "    responsible_representative TEXT,\n"
        "    publication_method TEXT DEFAULT 'publish',\n"
        "    publication_url TEXT,\n"
        "    published_on TEXT CHECK (published_on IS date(published_on)),\n"
        "    start_on TEXT CHECK (start_on IS date(start_on)),\n"
        "    late_reason TEXT,\n"
        "    items_complete INTEGER CHECK (items_complete IN (0, 1)),\n"
        "    published_in_advance INTEGER CHECK (published_in_advance IN (0, 1)),\n"
        "    agreement TEXT,\n"
        "    partner_check_on TEXT CHECK (partner_check_on IS date(partner_check_on)),\n"
        "    ended_on TEXT CHECK (ended_on IS date(ended_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    (
        "CREATE TABLE joint_use_assets (\n"
        "    owner_id INTEGER NOT NULL REFERENCES joint_use(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX joint_use_assets_target ON joint_use_assets(target_id)",
    "CREATE VIRTUAL TABLE joint_use_fts USING fts5(name, purposes, items, users_scope, content='joint_use', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER joint_use_fts_ai AFTER INSERT ON joint_use BEGIN INSERT INTO joint_use_fts(rowid, name, purposes, items, users_scope) VALUES (new.id, new.name, new.purposes, new.items, new.users_scope); END",
    "CREATE TRIGGER joint_use_fts_ad AFTER DELETE ON joint_use BEGIN INSERT INTO joint_use_fts(joint_use_fts, rowid, name, purposes, items, users_scope) VALUES ('delete', old.id, old.name, old.purposes, old.items, old.users_scope); END",
    "CREATE TRIGGER joint_use_fts_au AFTER UPDATE ON joint_use BEGIN INSERT INTO joint_use_fts(joint_use_fts, rowid, name, purposes, items, users_scope) VALUES ('delete', old.id, old.name, old.purposes, old.items, old.users_scope); INSERT INTO joint_use_fts(rowid, name, purposes, items, users_scope) VALUES (new.id, new.name, new.purposes, new.items, new.users_scope); END",
    (
        "CREATE TABLE joint_use_change (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    joint_use_id INTEGER NOT NULL REFERENCES joint_use(id) ON DELETE RESTRICT,\n"
        "    change_type TEXT NOT NULL,\n"
        "    description TEXT NOT NULL,\n"
        "    changed_on TEXT CHECK (changed_on IS date(changed_on)),\n"
        "    effective_on TEXT CHECK (effective_on IS date(effective_on)),\n"
        "    published_on TEXT CHECK (published_on IS date(published_on)),\n"
        "    consent_obtained INTEGER DEFAULT 0 CHECK (consent_obtained IN (0, 1)),\n"
        "    late_reason TEXT,\n"
        "    needs_prior_notice INTEGER CHECK (needs_prior_notice IN (0, 1)),\n"
        "    needs_prompt_notice INTEGER CHECK (needs_prompt_notice IN (0, 1)),\n"
        "    late INTEGER CHECK (late IN (0, 1)),\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX joint_use_change_joint_use_id ON joint_use_change(joint_use_id)",
    "CREATE VIRTUAL TABLE joint_use_change_fts USING fts5(description, content='joint_use_change', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER joint_use_change_fts_ai AFTER INSERT ON joint_use_change BEGIN INSERT INTO joint_use_change_fts(rowid, description) VALUES (new.id, new.description); END",
    "CREATE TRIGGER joint_use_change_fts_ad AFTER DELETE ON joint_use_change BEGIN INSERT INTO joint_use_change_fts(joint_use_change_fts, rowid, description) VALUES ('delete', old.id, old.description); END",
    "CREATE TRIGGER joint_use_change_fts_au AFTER UPDATE ON joint_use_change BEGIN INSERT INTO joint_use_change_fts(joint_use_change_fts, rowid, description) VALUES ('delete', old.id, old.description); INSERT INTO joint_use_change_fts(rowid, description) VALUES (new.id, new.description); END",
    (
        "CREATE TABLE foreign_transfer (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    ref TEXT NOT NULL UNIQUE,\n"
        "    country TEXT NOT NULL,\n"
        "    recipient TEXT NOT NULL,\n"
        "    basis TEXT NOT NULL,\n"
        "    purpose TEXT,\n"
        "    started_on TEXT CHECK (started_on IS date(started_on)),\n"
        "    provision_record_id INTEGER REFERENCES provision_record(id) ON DELETE RESTRICT,\n"
        "    info_country INTEGER DEFAULT 0 CHECK (info_country IN (0, 1)),\n"
        "    info_regime INTEGER DEFAULT 0 CHECK (info_regime IN (0, 1)),\n"
        "    info_measures INTEGER DEFAULT 0 CHECK (info_measures IN (0, 1)),\n"
        "    info_given_on TEXT CHECK (info_given_on IS date(info_given_on)),\n"
        "    info_method TEXT,\n"
        "    consent_on TEXT CHECK (consent_on IS date(consent_on)),\n"
        "    equivalent_measures TEXT,\n"
        "    regime_notes TEXT,\n"
        "    last_checked TEXT CHECK (last_checked IS date(last_checked)),\n"
        "    needs_check INTEGER CHECK (needs_check IN (0, 1)),\n"
        "    next_check_due TEXT CHECK (next_check_due IS date(next_check_due)),\n"
        "    complete INTEGER CHECK (complete IN (0, 1)),\n"
        "    stopped_on TEXT CHECK (stopped_on IS date(stopped_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX foreign_transfer_next_check_due ON foreign_transfer(next_check_due)",
    "CREATE INDEX foreign_transfer_provision_record_id ON foreign_transfer(provision_record_id)",
    (
        "CREATE TABLE foreign_transfer_assets (\n"
        "    owner_id INTEGER NOT NULL REFERENCES foreign_transfer(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX foreign_transfer_assets_target ON foreign_transfer_assets(target_id)",
    "CREATE VIRTUAL TABLE foreign_transfer_fts USING fts5(country, recipient, purpose, content='foreign_transfer', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER foreign_transfer_fts_ai AFTER INSERT ON foreign_transfer BEGIN INSERT INTO foreign_transfer_fts(rowid, country, recipient, purpose) VALUES (new.id, new.country, new.recipient, new.purpose); END",
    "CREATE TRIGGER foreign_transfer_fts_ad AFTER DELETE ON foreign_transfer BEGIN INSERT INTO foreign_transfer_fts(foreign_transfer_fts, rowid, country, recipient, purpose) VALUES ('delete', old.id, old.country, old.recipient, old.purpose); END",
    "CREATE TRIGGER foreign_transfer_fts_au AFTER UPDATE ON foreign_transfer BEGIN INSERT INTO foreign_transfer_fts(foreign_transfer_fts, rowid, country, recipient, purpose) VALUES ('delete', old.id, old.country, old.recipient, old.purpose); INSERT INTO foreign_transfer_fts(rowid, country, recipient, purpose) VALUES (new.id, new.country, new.recipient, new.purpose); END",
    (
        "CREATE TABLE anonymised_dataset (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    name TEXT NOT NULL,\n"
        "    created_on TEXT NOT NULL CHECK (created_on IS date(created_on)),\n"
        "    processor TEXT,\n"
        "    included_items TEXT NOT NULL,\n"
        "    provision_methods TEXT CHECK (json_type(provision_methods) = 'array'),\n"
        "    statement TEXT DEFAULT '当会は、組合員の利用状況に関する情報を、特定の個人を識別できず、復元できないように加工した匿名加工情報として、次のとおり取引先に提供します。',\n"
        "    step1 TEXT DEFAULT 'pending',\n"
        "    step1_method TEXT,\n"
        "    step2 TEXT DEFAULT 'pending',\n"
        "    step2_method TEXT,\n"
        "    step3 TEXT DEFAULT 'pending',\n"
        "    step3_method TEXT,\n"
        "    step4 TEXT DEFAULT 'pending',\n"
        "    step4_method TEXT,\n"
        "    step5 TEXT DEFAULT 'pending',\n"
        "    step5_method TEXT,\n"
        "    safeguard_roles INTEGER DEFAULT 0 CHECK (safeguard_roles IN (0, 1)),\n"
        "    safeguard_rules INTEGER DEFAULT 0 CHECK (safeguard_rules IN (0, 1)),\n"
        "    safeguard_access INTEGER DEFAULT 0 CHECK (safeguard_access IN (0, 1)),\n"
        "    checklist_complete INTEGER CHECK (checklist_complete IN (0, 1)),\n"
        "    safeguards_complete INTEGER CHECK (safeguards_complete IN (0, 1)),\n"
        "    items_published_on TEXT CHECK (items_published_on IS date(items_published_on)),\n"
        "    published_promptly INTEGER CHECK (published_promptly IN (0, 1)),\n"
        "    publication_url TEXT,\n"
        "    safeguards_publication TEXT,\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    (
        "CREATE TABLE anonymised_dataset_source_assets (\n"
        "    owner_id INTEGER NOT NULL REFERENCES anonymised_dataset(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX anonymised_dataset_source_assets_target ON anonymised_dataset_source_assets(target_id)",
    "CREATE VIRTUAL TABLE anonymised_dataset_fts USING fts5(name, included_items, content='anonymised_dataset', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER anonymised_dataset_fts_ai AFTER INSERT ON anonymised_dataset BEGIN INSERT INTO anonymised_dataset_fts(rowid, name, included_items) VALUES (new.id, new.name, new.included_items); END",
    "CREATE TRIGGER anonymised_dataset_fts_ad AFTER DELETE ON anonymised_dataset BEGIN INSERT INTO anonymised_dataset_fts(anonymised_dataset_fts, rowid, name, included_items) VALUES ('delete', old.id, old.name, old.included_items); END",
    "CREATE TRIGGER anonymised_dataset_fts_au AFTER UPDATE ON anonymised_dataset BEGIN INSERT INTO anonymised_dataset_fts(anonymised_dataset_fts, rowid, name, included_items) VALUES ('delete', old.id, old.name, old.included_items); INSERT INTO anonymised_dataset_fts(rowid, name, included_items) VALUES (new.id, new.name, new.included_items); END",
    (
        "CREATE TABLE anonymised_provision (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    dataset_id INTEGER NOT NULL REFERENCES anonymised_dataset(id) ON DELETE RESTRICT,\n"
        "    recipient TEXT NOT NULL,\n"
        "    provided_on TEXT NOT NULL CHECK (provided_on IS date(provided_on)),\n"
        "    method TEXT,\n"
        "    published_on TEXT CHECK (published_on IS date(published_on)),\n"
        "    late_reason TEXT,\n"
        "    notice_method TEXT,\n"
        "    notice_on TEXT CHECK (notice_on IS date(notice_on)),\n"
        "    no_reidentification_clause INTEGER DEFAULT 0 CHECK (no_reidentification_clause IN (0, 1)),\n"
        "    published_before INTEGER CHECK (published_before IN (0, 1)),\n"
        "    notice_given INTEGER CHECK (notice_given IN (0, 1)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX anonymised_provision_dataset_id ON anonymised_provision(dataset_id)",
    "CREATE VIRTUAL TABLE anonymised_provision_fts USING fts5(recipient, content='anonymised_provision', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER anonymised_provision_fts_ai AFTER INSERT ON anonymised_provision BEGIN INSERT INTO anonymised_provision_fts(rowid, recipient) VALUES (new.id, new.recipient); END",
    "CREATE TRIGGER anonymised_provision_fts_ad AFTER DELETE ON anonymised_provision BEGIN INSERT INTO anonymised_provision_fts(anonymised_provision_fts, rowid, recipient) VALUES ('delete', old.id, old.recipient); END",
    "CREATE TRIGGER anonymised_provision_fts_au AFTER UPDATE ON anonymised_provision BEGIN INSERT INTO anonymised_provision_fts(anonymised_provision_fts, rowid, recipient) VALUES ('delete', old.id, old.recipient); INSERT INTO anonymised_provision_fts(rowid, recipient) VALUES (new.id, new.recipient); END",
    (
        "CREATE TABLE pseudonymised_dataset (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    name TEXT NOT NULL,\n"
        "    created_on TEXT NOT NULL CHECK (created_on IS date(created_on)),\n"
        "    purposes TEXT NOT NULL,\n"
        "    purposes_published_on TEXT CHECK (purposes_published_on IS date(purposes_published_on)),\n"
        "    processing_done INTEGER DEFAULT 0 CHECK (processing_done IN (0, 1)),\n"
        "    deletion_info_safeguards INTEGER DEFAULT 0 CHECK (deletion_info_safeguards IN (0, 1)),\n"
        "    no_longer_needed_on TEXT CHECK (no_longer_needed_on IS date(no_longer_needed_on)),\n"
        "    deleted_on TEXT CHECK (deleted_on IS date(deleted_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    (
        "CREATE TABLE pseudonymised_dataset_source_assets (\n"
        "    owner_id INTEGER NOT NULL REFERENCES pseudonymised_dataset(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX pseudonymised_dataset_source_assets_target ON pseudonymised_dataset_source_assets(target_id)",
    "CREATE VIRTUAL TABLE pseudonymised_dataset_fts USING fts5(name, purposes, content='pseudonymised_dataset', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER pseudonymised_dataset_fts_ai AFTER INSERT ON pseudonymised_dataset BEGIN INSERT INTO pseudonymised_dataset_fts(rowid, name, purposes) VALUES (new.id, new.name, new.purposes); END",
    "CREATE TRIGGER pseudonymised_dataset_fts_ad AFTER DELETE ON pseudonymised_dataset BEGIN INSERT INTO pseudonymised_dataset_fts(pseudonymised_dataset_fts, rowid, name, purposes) VALUES ('delete', old.id, old.name, old.purposes); END",
    "CREATE TRIGGER pseudonymised_dataset_fts_au AFTER UPDATE ON pseudonymised_dataset BEGIN INSERT INTO pseudonymised_dataset_fts(pseudonymised_dataset_fts, rowid, name, purposes) VALUES ('delete', old.id, old.name, old.purposes); INSERT INTO pseudonymised_dataset_fts(rowid, name, purposes) VALUES (new.id, new.name, new.purposes); END",
    (
        "CREATE TABLE disposal (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    ref TEXT NOT NULL UNIQUE,\n"
        "    closes TEXT NOT NULL DEFAULT 'batch',\n"
        "    asset_id INTEGER REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    provision_record_id INTEGER REFERENCES provision_record(id) ON DELETE RESTRICT,\n"
        "    description TEXT NOT NULL,\n"
        "    media TEXT,\n"
        "    quantity TEXT,\n"
        "    method TEXT NOT NULL,\n"
        "    executed_on TEXT NOT NULL CHECK (executed_on IS date(executed_on)),\n"
        "    executed_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    witness_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    contractor_id INTEGER REFERENCES contractor(id) ON DELETE RESTRICT,\n"
        "    certificate_no TEXT,\n"
        "    certificate_on TEXT CHECK (certificate_on IS date(certificate_on)),\n"
        "    certificate_pending INTEGER CHECK (certificate_pending IN (0, 1)),\n"
        "    next_retention_until TEXT CHECK (next_retention_until IS date(next_retention_until)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX disposal_asset_id ON disposal(asset_id)",
    "CREATE INDEX disposal_provision_record_id ON disposal(provision_record_id)",
    "CREATE INDEX disposal_executed_by_id ON disposal(executed_by_id)",
    "CREATE INDEX disposal_witness_id ON disposal(witness_id)",
    "CREATE INDEX disposal_contractor_id ON disposal(contractor_id)",
    "CREATE VIRTUAL TABLE disposal_fts USING fts5(description, content='disposal', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER disposal_fts_ai AFTER INSERT ON disposal BEGIN INSERT INTO disposal_fts(rowid, description) VALUES (new.id, new.description); END",
    "CREATE TRIGGER disposal_fts_ad AFTER DELETE ON disposal BEGIN INSERT INTO disposal_fts(disposal_fts, rowid, description) VALUES ('delete', old.id, old.description); END",
    "CREATE TRIGGER disposal_fts_au AFTER UPDATE ON disposal BEGIN INSERT INTO disposal_fts(disposal_fts, rowid, description) VALUES ('delete', old.id, old.description); INSERT INTO disposal_fts(rowid, description) VALUES (new.id, new.description); END",
    (
        "CREATE TABLE carry_out (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    ref TEXT NOT NULL UNIQUE,\n"
        "    asset_id INTEGER REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    description TEXT NOT NULL,\n"
        "    media TEXT,\n"
        "    purpose TEXT,\n"
        "    destination TEXT,\n"
        "    protection TEXT,\n"
        "    out_on TEXT NOT NULL CHECK (out_on IS date(out_on)),\n"
        "    back_on TEXT CHECK (back_on IS date(back_on)),\n"
        "    carried_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    approver_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX carry_out_asset_id ON carry_out(asset_id)",
    "CREATE INDEX carry_out_carried_by_id ON carry_out(carried_by_id)",
    "CREATE INDEX carry_out_approver_id ON carry_out(approver_id)",
    "CREATE VIRTUAL TABLE carry_out_fts USING fts5(description, content='carry_out', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER carry_out_fts_ai AFTER INSERT ON carry_out BEGIN INSERT INTO carry_out_fts(rowid, description) VALUES (new.id, new.description); END",
    "CREATE TRIGGER carry_out_fts_ad AFTER DELETE ON carry_out BEGIN INSERT INTO carry_out_fts(carry_out_fts, rowid, description) VALUES ('delete', old.id, old.description); END",
    "CREATE TRIGGER carry_out_fts_au AFTER UPDATE ON carry_out BEGIN INSERT INTO carry_out_fts(carry_out_fts, rowid, description) VALUES ('delete', old.id, old.description); INSERT INTO carry_out_fts(rowid, description) VALUES (new.id, new.description); END",
    (
        "CREATE TABLE data_request (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    request_no TEXT NOT NULL UNIQUE,\n"
        "    received_on TEXT NOT NULL CHECK (received_on IS date(received_on)),\n"
        "    request_type TEXT NOT NULL,\n"
        "    channel TEXT,\n"
        "    request_detail TEXT,\n"
        "    target_data TEXT,\n"
        "    requested_method TEXT,\n"
        "    requester_type TEXT NOT NULL DEFAULT 'self',\n"
        "    requester_name TEXT NOT NULL,\n"
        "    member_no TEXT,\n"
        "    requester_contact TEXT,\n"
        "    agent_name TEXT,\n"
        "    id_method TEXT,\n"
        "    id_checked_on TEXT CHECK (id_checked_on IS date(id_checked_on)),\n"
        "    id_checked_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    agent_proof TEXT,\n"
        "    agency_checked_on TEXT CHECK (agency_checked_on IS date(agency_checked_on)),\n"
        "    agency_checked_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    fee_yen INTEGER CHECK (fee_yen >= 0 AND fee_yen <= 100000),\n"
        "    fee_received_on TEXT CHECK (fee_received_on IS date(fee_received_on)),\n"
        "    handled_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    decision TEXT,\n"
        "    decided_on TEXT CHECK (decided_on IS date(decided_on)),\n"
        "    refusal_ground TEXT,\n"
        "    reasons_told TEXT,\n"
        "    responded_on TEXT CHECK (responded_on IS date(responded_on)),\n"
        "    response_method TEXT,\n"
        "    sla_days INTEGER CHECK (sla_days >= 1 AND sla_days <= 90),\n"
        "    sla_due TEXT CHECK (sla_due IS date(sla_due)),\n"
        "    litigation_bar_on TEXT CHECK (litigation_bar_on IS date(litigation_bar_on)),\n"
        "    suit_possible_from TEXT CHECK (suit_possible_from IS date(suit_possible_from)),\n"
        "    extension_days INTEGER,\n"
        "    suspended_days INTEGER,\n"
        "    clock_from TEXT CHECK (clock_from IS date(clock_from)),\n"
        "    clock_running INTEGER CHECK (clock_running IN (0, 1)),\n"
        "    days_taken INTEGER,\n"
        "    within_sla INTEGER CHECK (within_sla IN (0, 1)),\n"
        "    refusal_notice INTEGER CHECK (refusal_notice IN (0, 1)),\n"
        "    status TEXT,\n"
        "    closed_on TEXT CHECK (closed_on IS date(closed_on)),\n"
        "    purged_on TEXT CHECK (purged_on IS date(purged_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX data_request_received_on ON data_request(received_on)",
    "CREATE INDEX data_request_request_type ON data_request(request_type)",
    "CREATE INDEX data_request_status ON data_request(status)",
    "CREATE INDEX data_request_id_checked_by_id ON data_request(id_checked_by_id)",
    "CREATE INDEX data_request_agency_checked_by_id ON data_request(agency_checked_by_id)",
    "CREATE INDEX data_request_handled_by_id ON data_request(handled_by_id)",
    (
        "CREATE TABLE data_request_assets (\n"
        "    owner_id INTEGER NOT NULL REFERENCES data_request(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX data_request_assets_target ON data_request_assets(target_id)",
    (
        "CREATE TABLE data_request_provision_records (\n"
        "    owner_id INTEGER NOT NULL REFERENCES data_request(id) ON DELETE CASCADE,\n"
        "    target_id INTEGER NOT NULL REFERENCES provision_record(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX data_request_provision_records_target ON data_request_provision_records(target_id)",
    "CREATE VIRTUAL TABLE data_request_fts USING fts5(request_no, request_detail, requester_name, member_no, agent_name, content='data_request', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER data_request_fts_ai AFTER INSERT ON data_request BEGIN INSERT INTO data_request_fts(rowid, request_no, request_detail, requester_name, member_no, agent_name) VALUES (new.id, new.request_no, new.request_detail, new.requester_name, new.member_no, new.agent_name); END",
    "CREATE TRIGGER data_request_fts_ad AFTER DELETE ON data_request BEGIN INSERT INTO data_request_fts(data_request_fts, rowid, request_no, request_detail, requester_name, member_no, agent_name) VALUES ('delete', old.id, old.request_no, old.request_detail, old.requester_name, old.member_no, old.agent_name); END",
    "CREATE TRIGGER data_request_fts_au AFTER UPDATE ON data_request BEGIN INSERT INTO data_request_fts(data_request_fts, rowid, request_no, request_detail, requester_name, member_no, agent_name) VALUES ('delete', old.id, old.request_no, old.request_detail, old.requester_name, old.member_no, old.agent_name); INSERT INTO data_request_fts(rowid, request_no, request_detail, requester_name, member_no, agent_name) VALUES (new.id, new.request_no, new.request_detail, new.requester_name, new.member_no, new.agent_name); END",
    (
        "CREATE TABLE data_request_clock (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    request_id INTEGER NOT NULL REFERENCES data_request(id) ON DELETE RESTRICT,\n"
        "    kind TEXT NOT NULL,\n"
        "    start_on TEXT NOT NULL CHECK (start_on IS date(start_on)),\n"
        "    end_on TEXT CHECK (end_on IS date(end_on)),\n"
        "    days INTEGER CHECK (days >= 1 AND days <= 90),\n"
        "    reason TEXT NOT NULL,\n"
        "    reason_note TEXT,\n"
        "    told_on TEXT CHECK (told_on IS date(told_on)),\n"
        "    recorded_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX data_request_clock_request_id ON data_request_clock(request_id)",
    "CREATE INDEX data_request_clock_recorded_by_id ON data_request_clock(recorded_by_id)",
    (
        "CREATE TABLE complaint_case (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    complaint_no TEXT NOT NULL UNIQUE,\n"
        "    received_on TEXT NOT NULL CHECK (received_on IS date(received_on)),\n"
        "    kind TEXT NOT NULL DEFAULT 'complaint',\n"
        "    topic TEXT NOT NULL,\n"
        "    channel TEXT,\n"
        "    complainant_type TEXT,\n"
        "    complainant_name TEXT,\n"
        "    complainant_contact TEXT,\n"
        "    description TEXT NOT NULL,\n"
        "    department_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    handled_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    handling TEXT,\n"
        "    response TEXT,\n"
        "    answered_on TEXT CHECK (answered_on IS date(answered_on)),\n"
        "    closed_on TEXT CHECK (closed_on IS date(closed_on)),\n"
        "    days_to_close INTEGER,\n"
        "    escalation TEXT,\n"
        "    escalated_on TEXT CHECK (escalated_on IS date(escalated_on)),\n"
        "    related_request_id INTEGER REFERENCES data_request(id) ON DELETE RESTRICT,\n"
        "    corrective_action_id INTEGER REFERENCES corrective_action(id) ON DELETE RESTRICT,\n"
        "    purged_on TEXT CHECK (purged_on IS date(purged_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX complaint_case_received_on ON complaint_case(received_on)",
    "CREATE INDEX complaint_case_topic ON complaint_case(topic)",
    "CREATE INDEX complaint_case_department_id ON complaint_case(department_id)",
    "CREATE INDEX complaint_case_handled_by_id ON complaint_case(handled_by_id)",
    "CREATE INDEX complaint_case_related_request_id ON complaint_case(related_request_id)",
    "CREATE INDEX complaint_case_corrective_action_id ON complaint_case(corrective_action_id)",
    "CREATE VIRTUAL TABLE complaint_case_fts USING fts5(complaint_no, complainant_name, description, handling, content='complaint_case', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER complaint_case_fts_ai AFTER INSERT ON complaint_case BEGIN INSERT INTO complaint_case_fts(rowid, complaint_no, complainant_name, description, handling) VALUES (new.id, new.complaint_no, new.complainant_name, new.description, new.handling); END",
    "CREATE TRIGGER complaint_case_fts_ad AFTER DELETE ON complaint_case BEGIN INSERT INTO complaint_case_fts(complaint_case_fts, rowid, complaint_no, complainant_name, description, handling) VALUES ('delete', old.id, old.complaint_no, old.complainant_name, old.description, old.handling); END",
    "CREATE TRIGGER complaint_case_fts_au AFTER UPDATE ON complaint_case BEGIN INSERT INTO complaint_case_fts(complaint_case_fts, rowid, complaint_no, complainant_name, description, handling) VALUES ('delete', old.id, old.complaint_no, old.complainant_name, old.description, old.handling); INSERT INTO complaint_case_fts(rowid, complaint_no, complainant_name, description, handling) VALUES (new.id, new.complaint_no, new.complainant_name, new.description, new.handling); END",
    (
        "CREATE TABLE incident (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    incident_no TEXT UNIQUE,\n"
        "    title TEXT NOT NULL,\n"
        "    near_miss INTEGER DEFAULT 0 CHECK (near_miss IN (0, 1)),\n"
        "    incident_type TEXT NOT NULL,\n"
        "    event TEXT DEFAULT 'leak',\n"
        "    description TEXT,\n"
        "    department_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    site TEXT,\n"
        "    asset_id INTEGER REFERENCES asset(id) ON DELETE RESTRICT,\n"
        "    cause TEXT,\n"
        "    cause_detail TEXT,\n"
        "    occurred_on TEXT CHECK (occurred_on IS date(occurred_on)),\n"
        "    known_on TEXT NOT NULL CHECK (known_on IS date(known_on)),\n"
        "    officer_known_on TEXT CHECK (officer_known_on IS date(officer_known_on)),\n"
        "    officer_lag_days INTEGER,\n"
        "    reported_by TEXT,\n"
        "    data_items TEXT,\n"
        "    subject_count INTEGER CHECK (subject_count >= 0),\n"
        "    count_certainty TEXT DEFAULT 'confirmed',\n"
        "    sensitive INTEGER DEFAULT 0 CHECK (sensitive IN (0, 1)),\n"
        "    financial_risk INTEGER DEFAULT 0 CHECK (financial_risk IN (0, 1)),\n"
        "    wrongful_purpose INTEGER DEFAULT 0 CHECK (wrongful_purpose IN (0, 1)),\n"
        "    encrypted_high INTEGER DEFAULT 0 CHECK (encrypted_high IN (0, 1)),\n"
        "    my_number INTEGER DEFAULT 0 CHECK (my_number IN (0, 1)),\n"
        "    mynum_public INTEGER DEFAULT 0 CHECK (mynum_public IN (0, 1)),\n"
        "    reportable INTEGER DEFAULT 0 CHECK (reportable IN (0, 1)),\n"
        "    mynum_reportable INTEGER DEFAULT 0 CHECK (mynum_reportable IN (0, 1)),\n"
        "    ppc_report_due INTEGER DEFAULT 0 CHECK (ppc_report_due IN (0, 1)),\n"
        "    mynum_report_due INTEGER DEFAULT 0 CHECK (mynum_report_due IN (0, 1)),\n"
        "    reportable_since TEXT CHECK (reportable_since IS date(reportable_since)),\n"
        "    report_grounds TEXT,\n"
        "    final_report_days INTEGER,\n"
        "    final_30 INTEGER DEFAULT 0 CHECK (final_30 IN (0, 1)),\n"
        "    final_60 INTEGER DEFAULT 0 CHECK (final_60 IN (0, 1)),\n"
        "    assessment_state TEXT DEFAULT 'none',\n"
        "    we_are_contractor INTEGER DEFAULT 0 CHECK (we_are_contractor IN (0, 1)),\n"
        "    controller_name TEXT,\n"
        "    controller_notified_on TEXT CHECK (controller_notified_on IS date(controller_notified_on)),\n"
        "    contractor_id INTEGER REFERENCES contractor(id) ON DELETE RESTRICT,\n"
        "    controller_notice_due INTEGER DEFAULT 0 CHECK (controller_notice_due IN (0, 1)),\n"
        "    containment TEXT,\n"
        "    contained_on TEXT CHECK (contained_on IS date(contained_on)),\n"
        "    secondary_damage TEXT,\n"
        "    recurrence_prevention TEXT,\n"
        "    corrective_action_id INTEGER REFERENCES corrective_action(id) ON DELETE RESTRICT,\n"
        "    subject_notice TEXT DEFAULT 'undecided',\n"
        "    subject_notified_on TEXT CHECK (subject_notified_on IS date(subject_notified_on)),\n"
        "    subject_notice_method TEXT,\n"
        "    subject_notice_reason TEXT,\n"
        "    subject_notice_due INTEGER DEFAULT 0 CHECK (subject_notice_due IN (0, 1)),\n"
        "    subject_notice_settled_on TEXT CHECK (subject_notice_settled_on IS date(subject_notice_settled_on)),\n"
        "    announcement TEXT DEFAULT 'undecided',\n"
        "    announced_on TEXT CHECK (announced_on IS date(announced_on)),\n"
        "    announcement_url TEXT,\n"
        "    announcement_reason TEXT,\n"
        "    prelim_reported_on TEXT CHECK (prelim_reported_on IS date(prelim_reported_on)),\n"
        "    final_reported_on TEXT CHECK (final_reported_on IS date(final_reported_on)),\n"
        "    pmark_report_due INTEGER DEFAULT 0 CHECK (pmark_report_due IN (0, 1)),\n"
        "    pmark_prelim_due INTEGER DEFAULT 0 CHECK (pmark_prelim_due IN (0, 1)),\n"
        "    pmark_prelim_on TEXT CHECK (pmark_prelim_on IS date(pmark_prelim_on)),\n"
        "    pmark_30 INTEGER DEFAULT 0 CHECK (pmark_30 IN (0, 1)),\n"
        "    pmark_60 INTEGER DEFAULT 0 CHECK (pmark_60 IN (0, 1)),\n"
        "    pmark_reported_on TEXT CHECK (pmark_reported_on IS date(pmark_reported_on)),\n"
        "    status TEXT DEFAULT 'open',\n"
        "    closed_on TEXT CHECK (closed_on IS date(closed_on)),\n"
        "    notes TEXT,\n"
        "    purged_on TEXT CHECK (purged_on IS date(purged_on)),\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX incident_known_on ON incident(known_on)",
    "CREATE INDEX incident_incident_type ON incident(incident_type)",
    "CREATE INDEX incident_department_id ON incident(department_id)",
    "CREATE INDEX incident_asset_id ON incident(asset_id)",
    "CREATE INDEX incident_contractor_id ON incident(contractor_id)",
    "CREATE INDEX incident_corrective_action_id ON incident(corrective_action_id)",
    "CREATE VIRTUAL TABLE incident_fts USING fts5(title, description, site, content='incident', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER incident_fts_ai AFTER INSERT ON incident BEGIN INSERT INTO incident_fts(rowid, title, description, site) VALUES (new.id, new.title, new.description, new.site); END",
    "CREATE TRIGGER incident_fts_ad AFTER DELETE ON incident BEGIN INSERT INTO incident_fts(incident_fts, rowid, title, description, site) VALUES ('delete', old.id, old.title, old.description, old.site); END",
    "CREATE TRIGGER incident_fts_au AFTER UPDATE ON incident BEGIN INSERT INTO incident_fts(incident_fts, rowid, title, description, site) VALUES ('delete', old.id, old.title, old.description, old.site); INSERT INTO incident_fts(rowid, title, description, site) VALUES (new.id, new.title, new.description, new.site); END",
    (
        "CREATE TABLE incident_assessment (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE RESTRICT,\n"
        "    assessed_on TEXT NOT NULL CHECK (assessed_on IS date(assessed_on)),\n"
        "    subject_count INTEGER,\n"
        "    sensitive INTEGER DEFAULT 0 CHECK (sensitive IN (0, 1)),\n"
        "    financial_risk INTEGER DEFAULT 0 CHECK (financial_risk IN (0, 1)),\n"
        "    wrongful_purpose INTEGER DEFAULT 0 CHECK (wrongful_purpose IN (0, 1)),\n"
        "    encrypted_high INTEGER DEFAULT 0 CHECK (encrypted_high IN (0, 1)),\n"
        "    my_number INTEGER DEFAULT 0 CHECK (my_number IN (0, 1)),\n"
        "    mynum_public INTEGER DEFAULT 0 CHECK (mynum_public IN (0, 1)),\n"
        "    near_miss INTEGER DEFAULT 0 CHECK (near_miss IN (0, 1)),\n"
        "    reportable INTEGER DEFAULT 0 CHECK (reportable IN (0, 1)),\n"
        "    mynum_reportable INTEGER DEFAULT 0 CHECK (mynum_reportable IN (0, 1)),\n"
        "    grounds TEXT,\n"
        "    conclusion TEXT,\n"
        "    reason TEXT,\n"
        "    trigger TEXT,\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX incident_assessment_incident_id ON incident_assessment(incident_id)",
    (
        "CREATE TABLE incident_report (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE RESTRICT,\n"
        "    kind TEXT NOT NULL,\n"
        "    recipient TEXT NOT NULL DEFAULT 'ppc',\n"
        "    reported_on TEXT NOT NULL CHECK (reported_on IS date(reported_on)),\n"
        "    receipt_no TEXT,\n"
        "    due_on TEXT CHECK (due_on IS date(due_on)),\n"
        "    on_time INTEGER CHECK (on_time IN (0, 1)),\n"
        "    pending_items INTEGER DEFAULT 0 CHECK (pending_items IN (0, 1)),\n"
        "    supplemented_on TEXT CHECK (supplemented_on IS date(supplemented_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX incident_report_incident_id ON incident_report(incident_id)",
    (
        "CREATE TABLE deadline (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    rule TEXT NOT NULL,\n"
        "    duty TEXT,\n"
        "    subject_register TEXT NOT NULL,\n"
        "    subject_id INTEGER NOT NULL,\n"
        "    subject_label TEXT,\n"
        "    trigger_date TEXT CHECK (trigger_date IS date(trigger_date)),\n"
        "    calendar_date TEXT CHECK (calendar_date IS date(calendar_date)),\n"
        "    due_date TEXT CHECK (due_date IS date(due_date)),\n"
        "    warn_from TEXT CHECK (warn_from IS date(warn_from)),\n"
        "    status TEXT NOT NULL DEFAULT 'open',\n"
        "    done_at TEXT CHECK (done_at IS date(done_at)),\n"
        "    waive_reason TEXT,\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX deadline_subject_register_subject_id_rule ON deadline(subject_register, subject_id, rule)",
    "CREATE VIRTUAL TABLE deadline_fts USING fts5(duty, subject_label, content='deadline', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER deadline_fts_ai AFTER INSERT ON deadline BEGIN INSERT INTO deadline_fts(rowid, duty, subject_label) VALUES (new.id, new.duty, new.subject_label); END",
    "CREATE TRIGGER deadline_fts_ad AFTER DELETE ON deadline BEGIN INSERT INTO deadline_fts(deadline_fts, rowid, duty, subject_label) VALUES ('delete', old.id, old.duty, old.subject_label); END",
    "CREATE TRIGGER deadline_fts_au AFTER UPDATE ON deadline BEGIN INSERT INTO deadline_fts(deadline_fts, rowid, duty, subject_label) VALUES ('delete', old.id, old.duty, old.subject_label); INSERT INTO deadline_fts(rowid, duty, subject_label) VALUES (new.id, new.duty, new.subject_label); END",
    (
        "CREATE TABLE legal_requirement (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    name TEXT NOT NULL,\n"
        "    legal_type TEXT NOT NULL,\n"
        "    issuer TEXT,\n"
        "    version TEXT,\n"
        "    version_date TEXT CHECK (version_date IS date(version_date)),\n"
        "    relevance TEXT,\n"
        "    requirements TEXT,\n"
        "    impact TEXT,\n"
        "    owner_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    last_reviewed TEXT CHECK (last_reviewed IS date(last_reviewed)),\n"
        "    next_review_due TEXT CHECK (next_review_due IS date(next_review_due)),\n"
        "    url TEXT,\n"
        "    active INTEGER DEFAULT 1 CHECK (active IN (0, 1)),\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX legal_requirement_owner_id ON legal_requirement(owner_id)",
    "CREATE VIRTUAL TABLE legal_requirement_fts USING fts5(name, issuer, relevance, requirements, content='legal_requirement', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER legal_requirement_fts_ai AFTER INSERT ON legal_requirement BEGIN INSERT INTO legal_requirement_fts(rowid, name, issuer, relevance, requirements) VALUES (new.id, new.name, new.issuer, new.relevance, new.requirements); END",
    "CREATE TRIGGER legal_requirement_fts_ad AFTER DELETE ON legal_requirement BEGIN INSERT INTO legal_requirement_fts(legal_requirement_fts, rowid, name, issuer, relevance, requirements) VALUES ('delete', old.id, old.name, old.issuer, old.relevance, old.requirements); END",
    "CREATE TRIGGER legal_requirement_fts_au AFTER UPDATE ON legal_requirement BEGIN INSERT INTO legal_requirement_fts(legal_requirement_fts, rowid, name, issuer, relevance, requirements) VALUES ('delete', old.id, old.name, old.issuer, old.relevance, old.requirements); INSERT INTO legal_requirement_fts(rowid, name, issuer, relevance, requirements) VALUES (new.id, new.name, new.issuer, new.relevance, new.requirements); END",
    (
        "CREATE TABLE pms_document (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    code TEXT NOT NULL UNIQUE,\n"
        "    title TEXT NOT NULL,\n"
        "    category TEXT NOT NULL,\n"
        "    version TEXT,\n"
        "    approved_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    approved_on TEXT CHECK (approved_on IS date(approved_on)),\n"
        "    owner_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    retention_period TEXT,\n"
        "    disposal_rule TEXT,\n"
        "    location TEXT,\n"
        "    url TEXT,\n"
        "    public INTEGER DEFAULT 0 CHECK (public IN (0, 1)),\n"
        "    change_triggers TEXT CHECK (json_type(change_triggers) = 'array'),\n"
        "    last_reviewed TEXT CHECK (last_reviewed IS date(last_reviewed)),\n"
        "    next_review_due TEXT CHECK (next_review_due IS date(next_review_due)),\n"
        "    active INTEGER DEFAULT 1 CHECK (active IN (0, 1)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX pms_document_approved_by_id ON pms_document(approved_by_id)",
    "CREATE INDEX pms_document_owner_id ON pms_document(owner_id)",
    "CREATE VIRTUAL TABLE pms_document_fts USING fts5(title, content='pms_document', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER pms_document_fts_ai AFTER INSERT ON pms_document BEGIN INSERT INTO pms_document_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER pms_document_fts_ad AFTER DELETE ON pms_document BEGIN INSERT INTO pms_document_fts(pms_document_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER pms_document_fts_au AFTER UPDATE ON pms_document BEGIN INSERT INTO pms_document_fts(pms_document_fts, rowid, title) VALUES ('delete', old.id, old.title); INSERT INTO pms_document_fts(rowid, title) VALUES (new.id, new.title); END",
    (
        "CREATE TABLE operation_check (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,\n"
        "    period_start TEXT NOT NULL CHECK (period_start IS date(period_start)),\n"
        "    period_end TEXT NOT NULL CHECK (period_end IS date(period_end)),\n"
        "    status TEXT NOT NULL DEFAULT 'planned',\n"
        "    checker_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    checked_on TEXT CHECK (checked_on IS date(checked_on)),\n"
        "    sent_on TEXT CHECK (sent_on IS date(sent_on)),\n"
        "    returned_on TEXT CHECK (returned_on IS date(returned_on)),\n"
        "    confirmed_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    reported_on TEXT CHECK (reported_on IS date(reported_on)),\n"
        "    summary TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (department_id, period_start))"
    ),
    "CREATE INDEX operation_check_period_end ON operation_check(period_end)",
    "CREATE INDEX operation_check_checker_id ON operation_check(checker_id)",
    "CREATE INDEX operation_check_confirmed_by_id ON operation_check(confirmed_by_id)",
    "CREATE VIRTUAL TABLE operation_check_fts USING fts5(summary, content='operation_check', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER operation_check_fts_ai AFTER INSERT ON operation_check BEGIN INSERT INTO operation_check_fts(rowid, summary) VALUES (new.id, new.summary); END",
    "CREATE TRIGGER operation_check_fts_ad AFTER DELETE ON operation_check BEGIN INSERT INTO operation_check_fts(operation_check_fts, rowid, summary) VALUES ('delete', old.id, old.summary); END",
    "CREATE TRIGGER operation_check_fts_au AFTER UPDATE ON operation_check BEGIN INSERT INTO operation_check_fts(operation_check_fts, rowid, summary) VALUES ('delete', old.id, old.summary); INSERT INTO operation_check_fts(rowid, summary) VALUES (new.id, new.summary); END",
    (
        "CREATE TABLE operation_check_item (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    check_id INTEGER NOT NULL REFERENCES operation_check(id) ON DELETE RESTRICT,\n"
        "    item TEXT NOT NULL,\n"
        "    answer TEXT,\n"
        "    note TEXT,\n"
        "    corrective_action_id INTEGER REFERENCES corrective_action(id) ON DELETE RESTRICT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (check_id, item))"
    ),
    "CREATE INDEX operation_check_item_corrective_action_id ON operation_check_item(corrective_action_id)",
    (
        "CREATE TABLE management_review (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    title TEXT NOT NULL UNIQUE,\n"
        "    held_on TEXT NOT NULL CHECK (held_on IS date(held_on)),\n"
        "    period_start TEXT CHECK (period_start IS date(period_start)),\n"
        "    period_end TEXT CHECK (period_end IS date(period_end)),\n"
        "    chair_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    attendees TEXT,\n"
        "    annual INTEGER DEFAULT 1 CHECK (annual IN (0, 1)),\n"
        "    decisions TEXT,\n"
        "    pms_changes TEXT,\n"
        "    figures_on TEXT CHECK (figures_on IS date(figures_on)),\n"
        "    approved_by_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    approved_on TEXT CHECK (approved_on IS date(approved_on)),\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX management_review_chair_id ON management_review(chair_id)",
    "CREATE INDEX management_review_approved_by_id ON management_review(approved_by_id)",
    "CREATE VIRTUAL TABLE management_review_fts USING fts5(title, decisions, content='management_review', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER management_review_fts_ai AFTER INSERT ON management_review BEGIN INSERT INTO management_review_fts(rowid, title, decisions) VALUES (new.id, new.title, new.decisions); END",
    "CREATE TRIGGER management_review_fts_ad AFTER DELETE ON management_review BEGIN INSERT INTO management_review_fts(management_review_fts, rowid, title, decisions) VALUES ('delete', old.id, old.title, old.decisions); END",
    "CREATE TRIGGER management_review_fts_au AFTER UPDATE ON management_review BEGIN INSERT INTO management_review_fts(management_review_fts, rowid, title, decisions) VALUES ('delete', old.id, old.title, old.decisions); INSERT INTO management_review_fts(rowid, title, decisions) VALUES (new.id, new.title, new.decisions); END",
    (
        "CREATE TABLE management_review_input (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    review_id INTEGER NOT NULL REFERENCES management_review(id) ON DELETE RESTRICT,\n"
        "    input TEXT NOT NULL,\n"
        "    figures TEXT,\n"
        "    narrative TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL,\n"
        "    UNIQUE (review_id, input))"
    ),
    (
        "CREATE TABLE management_review_action (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    review_id INTEGER NOT NULL REFERENCES management_review(id) ON DELETE RESTRICT,\n"
        "    title TEXT NOT NULL,\n"
        "    owner_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
        "    due_on TEXT CHECK (due_on IS date(due_on)),\n"
        "    corrective_action_id INTEGER REFERENCES corrective_action(id) ON DELETE RESTRICT,\n"
        "    notes TEXT,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX management_review_action_review_id ON management_review_action(review_id)",
    "CREATE INDEX management_review_action_owner_id ON management_review_action(owner_id)",
    "CREATE INDEX management_review_action_corrective_action_id ON management_review_action(corrective_action_id)",
    "CREATE VIRTUAL TABLE management_review_action_fts USING fts5(title, content='management_review_action', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER management_review_action_fts_ai AFTER INSERT ON management_review_action BEGIN INSERT INTO management_review_action_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER management_review_action_fts_ad AFTER DELETE ON management_review_action BEGIN INSERT INTO management_review_action_fts(management_review_action_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER management_review_action_fts_au AFTER UPDATE ON management_review_action BEGIN INSERT INTO management_review_action_fts(management_review_action_fts, rowid, title) VALUES ('delete', old.id, old.title); INSERT INTO management_review_action_fts(rowid, title) VALUES (new.id, new.title); END",
    (
        "CREATE TABLE board_report (\n"
        "    id INTEGER PRIMARY KEY,\n"
        "    period_start TEXT NOT NULL CHECK (period_start IS date(period_start)),\n"
        "    period_end TEXT NOT NULL CHECK (period_end IS date(period_end)),\n"
        "    period_label TEXT NOT NULL,\n"
        "    language TEXT NOT NULL,\n"
        "    snapshot TEXT NOT NULL,\n"
        "    narrative TEXT NOT NULL,\n"
        "    content_hash TEXT NOT NULL,\n"
        "    created_at TEXT NOT NULL,\n"
        "    created_by TEXT NOT NULL,\n"
        "    updated_at TEXT NOT NULL,\n"
        "    updated_by TEXT NOT NULL)"
    ),
    "CREATE INDEX board_report_period_start_period_end ON board_report(period_start, period_end)",
)

REGISTER_TABLES: dict[str, str] = {
    "organisation": "organisation",
    "department": "departments",
    "person": "people",
    "catalogue": "catalogues",
    "catalogue_item": "catalogue_items",
    "training_programme": "training_programmes",
    "training_session": "training_sessions",
    "training_attendance": "training_attendance",
    "pledge": "pledges",
    "purpose_of_use": "purposes",
    "asset": "assets",
    "control": "controls",
    "control_status": "control_status",
    "risk_assessment": "risk_assessments",
    "risk_item": "risk_items",
    "contractor": "contractors",
    "contractor_contract": "contracts",
    "contractor_subcontractor": "subcontractors",
    "contractor_evaluation": "contractor_evaluations",
    "contractor_evaluation_answer": "evaluation_answers",
    "contractor_improvement": "improvement_requests",
    "audit_plan": "audit_plans",
    "audit": "audits",
    "audit_checklist_item": "audit_checklist",
    "finding": "findings",
    "corrective_action": "corrective_actions",
    "audit_question": "audit_questions",
    "department_assignment": "department_assignments",
    "flow_decision": "flow_decisions",
    "provision_record": "provision_records",
    "joint_use": "joint_uses",
    "joint_use_change": "joint_use_changes",
    "foreign_transfer": "foreign_transfers",
    "anonymised_dataset": "anonymised_datasets",
    "anonymised_provision": "anonymised_provisions",
    "pseudonymised_dataset": "pseudonymised_datasets",
    "disposal": "disposals",
    "carry_out": "carry_outs",
    "data_request": "data_requests",
    "data_request_clock": "data_request_clock",
    "complaint_case": "complaint_cases",
    "incident": "incidents",
    "incident_assessment": "incident_assessments",
    "incident_report": "incident_reports",
    "deadline": "deadlines",
    "legal_requirement": "legal_requirements",
    "pms_document": "documents",
    "operation_check": "operation_checks",
    "operation_check_item": "operation_check_items",
    "management_review": "management_reviews",
    "management_review_input": "review_inputs",
    "management_review_action": "review_actions",
    "board_report": "board_reports",
}
