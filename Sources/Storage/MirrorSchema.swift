import GRDB

/// Versioned schema of the mirror. Migrations are append-only: never edit a shipped one, add the next.
public enum MirrorSchema {
    /// `PRAGMA application_id` of a Curator mirror ("CURA"), so foreign SQLite files are recognised.
    public static let applicationID: Int32 = 0x4355_5241

    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-mirror") { db in
            try db.execute(sql: """
                PRAGMA application_id = \(applicationID);
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL DEFAULT '',
                    first_name TEXT NOT NULL DEFAULT '',
                    last_name TEXT NOT NULL DEFAULT '',
                    phone TEXT NOT NULL DEFAULT '',
                    created_at REAL,
                    last_activity_at REAL,
                    city TEXT NOT NULL DEFAULT '',
                    country TEXT NOT NULL DEFAULT '',
                    custom_json TEXT NOT NULL DEFAULT '{}',
                    search_key TEXT NOT NULL DEFAULT '',
                    -- Latest of: GetCourse's own activity stamp, homework, lesson views, messages.
                    last_active_at REAL
                );
                CREATE TABLE groups (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    last_added_at REAL,
                    -- «Урок NN просмотрен» groups carry the lesson number they mark.
                    lesson_number INTEGER
                );
                CREATE TABLE group_members (
                    group_id INTEGER NOT NULL,
                    user_id INTEGER NOT NULL,
                    added_at REAL,
                    PRIMARY KEY (group_id, user_id)
                ) WITHOUT ROWID;
                CREATE INDEX group_members_user ON group_members(user_id);
                CREATE TABLE deals (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL DEFAULT '',
                    user_id INTEGER,
                    created_at REAL,
                    paid_at REAL,
                    title TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL,
                    cost_kopecks INTEGER,
                    paid_kopecks INTEGER,
                    currency TEXT NOT NULL DEFAULT 'RUB',
                    tags_json TEXT NOT NULL DEFAULT '[]',
                    offer_tags_json TEXT NOT NULL DEFAULT '[]',
                    custom_json TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX deals_user ON deals(user_id);
                CREATE TABLE trainings (
                    id INTEGER PRIMARY KEY,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    created_at REAL,
                    status TEXT NOT NULL DEFAULT '',
                    lesson_count INTEGER,
                    slug TEXT,
                    level TEXT,
                    homework_required INTEGER NOT NULL DEFAULT 1
                );
                CREATE TABLE training_streams (
                    group_id INTEGER PRIMARY KEY,
                    training_id INTEGER NOT NULL
                );
                CREATE TABLE lessons (
                    id INTEGER PRIMARY KEY,
                    training_id INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    opens_after_days INTEGER NOT NULL,
                    deadline_days INTEGER NOT NULL,
                    view_group_id INTEGER,
                    homework_json TEXT NOT NULL DEFAULT '[]'
                );
                CREATE INDEX lessons_view_group ON lessons(view_group_id);
                CREATE TABLE lesson_answers (
                    id INTEGER PRIMARY KEY,
                    lesson_id INTEGER NOT NULL,
                    lesson_name TEXT NOT NULL DEFAULT '',
                    user_id INTEGER NOT NULL,
                    answer_text TEXT NOT NULL DEFAULT '',
                    created_at REAL,
                    updated_at REAL,
                    status TEXT NOT NULL DEFAULT '',
                    type TEXT NOT NULL DEFAULT '',
                    reviewer_user_id INTEGER,
                    reviewed_at REAL,
                    review_text TEXT NOT NULL DEFAULT '',
                    training_id INTEGER,
                    training_name TEXT NOT NULL DEFAULT '',
                    need_teacher_reaction INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX lesson_answers_user ON lesson_answers(user_id);
                CREATE INDEX lesson_answers_lesson ON lesson_answers(lesson_id);
                CREATE TABLE dialogs (
                    id INTEGER PRIMARY KEY,
                    user_id INTEGER NOT NULL,
                    title TEXT NOT NULL DEFAULT '',
                    created_at REAL,
                    updated_at REAL
                );
                CREATE INDEX dialogs_user ON dialogs(user_id);
                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY,
                    dialog_id INTEGER NOT NULL,
                    author_user_id INTEGER,
                    text TEXT NOT NULL DEFAULT '',
                    created_at REAL,
                    from_student INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX messages_dialog ON messages(dialog_id);
                -- Per-user Tech API sweep state: when the user's dialogs were last fetched.
                CREATE TABLE user_sync (
                    user_id INTEGER PRIMARY KEY,
                    dialogs_synced_at REAL,
                    activity_seen_at REAL
                );
                CREATE TABLE sync_watermarks (
                    name TEXT PRIMARY KEY,
                    value REAL NOT NULL
                );
                -- Exports started but not yet collected: a restart resumes the poll.
                CREATE TABLE sync_exports (
                    slot TEXT PRIMARY KEY,
                    export_id TEXT NOT NULL,
                    params_json TEXT NOT NULL,
                    started_at REAL NOT NULL
                );
                -- Every request to the rate-limited legacy API, for the persisted budget.
                CREATE TABLE request_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL
                );
                CREATE INDEX request_log_at ON request_log(at);
                CREATE TABLE sync_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    ok INTEGER NOT NULL DEFAULT 0,
                    summary_json TEXT NOT NULL DEFAULT '{}',
                    error TEXT
                );
                -- Which account the mirror holds (a mirror never mixes two schools).
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                -- Write-backs to GetCourse, sent once: the key makes a retry recognisable.
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    payload_json TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    sent_at REAL
                );
                """)
        }
        m.registerMigration("v2-risk") { db in
            try db.execute(sql: """
                -- Every "last activity" stamp the sync has seen: GetCourse keeps only the latest,
                -- so this log is the mirror's record of how regularly a student comes back.
                CREATE TABLE user_activity (
                    user_id INTEGER NOT NULL,
                    at REAL NOT NULL,
                    PRIMARY KEY (user_id, at)
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO user_activity SELECT id, last_activity_at FROM users WHERE last_activity_at IS NOT NULL;
                CREATE TRIGGER users_activity_insert AFTER INSERT ON users WHEN NEW.last_activity_at IS NOT NULL
                BEGIN INSERT OR IGNORE INTO user_activity (user_id, at) VALUES (NEW.id, NEW.last_activity_at); END;
                CREATE TRIGGER users_activity_update AFTER UPDATE OF last_activity_at ON users
                WHEN NEW.last_activity_at IS NOT NULL AND NEW.last_activity_at IS NOT OLD.last_activity_at
                BEGIN INSERT OR IGNORE INTO user_activity (user_id, at) VALUES (NEW.id, NEW.last_activity_at); END;
                -- The latest score of every student, written with the alerts in one transaction.
                CREATE TABLE risk_scores (
                    user_id INTEGER PRIMARY KEY,
                    scored_at REAL NOT NULL,
                    probability REAL NOT NULL,
                    level TEXT NOT NULL,
                    -- 21+ days silent or the package ended 21+ days ago: gone, not "at risk"
                    has_left INTEGER NOT NULL,
                    model TEXT NOT NULL,
                    -- [{feature, value, contribution}] in the model's feature order
                    features_json TEXT NOT NULL,
                    reasons_json TEXT NOT NULL
                );
                CREATE INDEX risk_scores_probability ON risk_scores(probability DESC);
                -- Model choices: the priors or a model trained on this mirror's history, with the evidence.
                CREATE TABLE risk_models (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at REAL NOT NULL,
                    kind TEXT NOT NULL,
                    model_json TEXT NOT NULL,
                    outcome_json TEXT NOT NULL
                );
                CREATE TABLE alerts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_id INTEGER NOT NULL,
                    rule TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'open',
                    -- the condition's number (days, count, percent); detail is it in words
                    value INTEGER NOT NULL DEFAULT 0,
                    detail TEXT NOT NULL,
                    opened_at REAL NOT NULL,
                    changed_at REAL NOT NULL,
                    closed_at REAL,
                    closure TEXT,
                    notified_at REAL NOT NULL,
                    notify_count INTEGER NOT NULL DEFAULT 1
                );
                -- At most one active alert per (student, rule).
                CREATE UNIQUE INDEX alerts_active ON alerts(user_id, rule) WHERE closed_at IS NULL;
                CREATE INDEX alerts_user ON alerts(user_id);
                """)
        }
        m.registerMigration("v3-assistant") { db in
            try db.execute(sql: """
                -- Every student message the assistant saw: when it arrived, what the assistant did with
                -- it, and who answered it when. Messages sent together before a reply share one decision.
                CREATE TABLE student_questions (
                    message_id INTEGER PRIMARY KEY,
                    dialog_id INTEGER NOT NULL,
                    user_id INTEGER NOT NULL,
                    arrived_at REAL,
                    seen_at REAL NOT NULL,
                    -- answer | clarify | handoff, or stale: seen too long after it arrived to reply automatically
                    action TEXT NOT NULL,
                    reason TEXT,
                    -- the reply sent, or for the curator the suggested answer
                    suggested TEXT NOT NULL DEFAULT '',
                    sources TEXT NOT NULL DEFAULT '',
                    confidence REAL,
                    origin TEXT,
                    outbox_id INTEGER,
                    -- assistant | curator, once a reply went out
                    answered_by TEXT,
                    answered_at REAL
                );
                CREATE INDEX student_questions_dialog ON student_questions(dialog_id);
                CREATE INDEX student_questions_waiting ON student_questions(user_id) WHERE answered_by IS NULL;
                -- Tokens the model used, for the cost side of the ROI.
                CREATE TABLE model_usage (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    model TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    prompt_tokens INTEGER NOT NULL,
                    completion_tokens INTEGER NOT NULL
                );
                """)
        }
        m.registerMigration("v4-progress") { db in
            try db.execute(sql: """
                -- Lessons done (viewed, homework submitted where there is one) of the student's course,
                -- computed with the score from the same history, for the list's progress column.
                ALTER TABLE risk_scores ADD COLUMN lessons_done INTEGER;
                ALTER TABLE risk_scores ADD COLUMN lessons_total INTEGER;
                """)
        }
        m.registerMigration("v5-homework") { db in
            try db.execute(sql: """
                -- The checker's result for each homework answer it saw, and what was decided: by the
                -- checker under the policy, or by the curator after review. checked_text is the answer
                -- as checked: an answer sent again with new text is checked again.
                CREATE TABLE homework_checks (
                    answer_id INTEGER PRIMARY KEY,
                    user_id INTEGER NOT NULL,
                    lesson_id INTEGER NOT NULL,
                    checked_text TEXT NOT NULL,
                    checked_at REAL NOT NULL,
                    -- share of the gradable items right; NULL when nothing could be graded
                    score REAL,
                    -- the items with verdicts and notes, as JSON
                    check_json TEXT NOT NULL,
                    -- accept | decline | review: the policy's outcome, and why review
                    outcome TEXT NOT NULL,
                    reason TEXT,
                    -- the comment for GetCourse (the curator may edit it before it is sent)
                    comment TEXT NOT NULL,
                    -- accepted | declined once decided; by checker | curator
                    decision TEXT,
                    decided_by TEXT,
                    decided_at REAL,
                    -- an essay's grammar and vocabulary notes for the teacher, drafted by the model (never a verdict)
                    teacher_notes TEXT
                );
                CREATE INDEX homework_checks_undecided ON homework_checks(checked_at) WHERE decision IS NULL;
                CREATE INDEX homework_checks_user ON homework_checks(user_id);
                """)
        }
        m.registerMigration("v6-school") { db in
            try db.execute(sql: """
                -- The school as learned from the account on every pass (data/school overriding it):
                -- what the risk pass, the progress pane and `curator school` read. Replaces the
                -- curriculum once copied from data/ (lessons, training_streams).
                DROP TABLE lessons;
                DROP TABLE training_streams;
                CREATE TABLE school_trainings (
                    id INTEGER PRIMARY KEY,
                    title TEXT NOT NULL,
                    -- account | data | account+data
                    source TEXT NOT NULL
                );
                CREATE TABLE school_streams (
                    group_id INTEGER PRIMARY KEY,
                    training_id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    -- name | answers | data: how the group was tied to its training
                    tie TEXT NOT NULL,
                    started_at REAL,
                    students INTEGER NOT NULL,
                    -- {"lesson number": days after the start it opened}, as the members' first views and answers show
                    opened_json TEXT NOT NULL DEFAULT '{}'
                );
                CREATE TABLE school_lessons (
                    training_id INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    -- GetCourse's id, once an answer (or data/) names it
                    lesson_id INTEGER,
                    title TEXT,
                    view_group_id INTEGER,
                    opens_after_days REAL NOT NULL,
                    -- data | inferred
                    schedule_source TEXT NOT NULL,
                    deadline_days REAL NOT NULL,
                    has_homework INTEGER NOT NULL,
                    PRIMARY KEY (training_id, number)
                ) WITHOUT ROWID;
                CREATE INDEX school_lessons_view_group ON school_lessons(view_group_id);
                CREATE TABLE school_packages (
                    -- normalized (case, ё, punctuation folded), as deals are matched by it
                    title TEXT PRIMARY KEY,
                    -- as the school writes it
                    shown TEXT NOT NULL,
                    days INTEGER NOT NULL,
                    -- data | title | repeat purchases | training length
                    source TEXT NOT NULL
                ) WITHOUT ROWID;
                -- Where data/school disagrees with the account (data/ wins), in words.
                CREATE TABLE school_conflicts (
                    text TEXT NOT NULL
                );
                -- When each user's answers were last read whole (user/get-lesson-answers).
                ALTER TABLE user_sync ADD COLUMN answers_synced_at REAL;
                """)
        }
        m.registerMigration("v7-embeddings") { db in
            try db.execute(sql: """
                -- Knowledge-base passages as the embedding model sees them, computed once per passage
                -- text (its fingerprint) and model: a changed article re-embeds only what changed.
                CREATE TABLE knowledge_embeddings (
                    model TEXT NOT NULL,
                    passage_key TEXT NOT NULL,
                    -- little-endian float32 values
                    vector BLOB NOT NULL,
                    PRIMARY KEY (model, passage_key)
                ) WITHOUT ROWID;
                """)
        }
        return m
    }
}
