"""Schema version 2: training (plan, sessions, attendance, pledges) and remembered import layouts.

Frozen: later changes are new migration steps, never edits here.
"""

from __future__ import annotations

from app.storage.fts import fts_statements

_RECORD_COLUMNS = """
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL"""

STATEMENTS: tuple[str, ...] = (
    "ALTER TABLE organisation ADD COLUMN new_hire_training_days INTEGER",
    f"""CREATE TABLE training_programme (
        id INTEGER PRIMARY KEY,
        fiscal_year INTEGER NOT NULL,
        title TEXT NOT NULL,
        training_type TEXT NOT NULL,
        audience TEXT,
        planned_month INTEGER,
        required INTEGER,
        jis_topics TEXT,
        notes TEXT,{_RECORD_COLUMNS},
        UNIQUE (fiscal_year, title))""",
    f"""CREATE TABLE training_session (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        programme_id INTEGER NOT NULL REFERENCES training_programme(id) ON DELETE RESTRICT,
        held_on TEXT NOT NULL,
        format TEXT,
        instructor TEXT,
        material_version TEXT,
        duration_min INTEGER,
        has_test INTEGER,
        pass_mark INTEGER,
        notes TEXT,{_RECORD_COLUMNS})""",
    "CREATE INDEX training_session_programme ON training_session(programme_id, held_on)",
    f"""CREATE TABLE training_attendance (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES training_session(id) ON DELETE RESTRICT,
        person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        status TEXT NOT NULL,
        score INTEGER,
        passed INTEGER,
        retake_needed INTEGER,
        makeup_session_id INTEGER REFERENCES training_session(id) ON DELETE RESTRICT,
        acknowledged INTEGER,
        notes TEXT,{_RECORD_COLUMNS},
        UNIQUE (session_id, person_id))""",
    "CREATE INDEX training_attendance_person ON training_attendance(person_id)",
    f"""CREATE TABLE pledge (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        pledge_type TEXT NOT NULL,
        signed_on TEXT NOT NULL,
        version TEXT,
        notes TEXT,{_RECORD_COLUMNS})""",
    "CREATE INDEX pledge_person ON pledge(person_id, pledge_type)",
    """CREATE TABLE import_layout (
        spec TEXT NOT NULL,
        signature TEXT NOT NULL,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (spec, signature))""",
    *fts_statements("training_programme", ("title",)),
    *fts_statements("training_session", ("title", "instructor")),
)
