"""The columns a training roster may have, named the ways HR systems, vendors and offices name them."""

from __future__ import annotations

from typing import Any

from app.areas.organisation.registers import PEOPLE
from app.areas.training.registers import ATTENDANCE, TRAINING_PROGRAMMES, TRAINING_SESSIONS
from app.i18n import N_, gettext_in
from app.importing.spec import Target


def _synonyms(defn_field: Any, *extra: str) -> tuple[str, ...]:
    return (
        gettext_in("ja", defn_field.label),
        gettext_in("en", defn_field.label),
        *defn_field.synonyms,
        *extra,
    )


def roster_targets(*, programme_given: bool = False) -> tuple[Target, ...]:
    """Every target of a roster. The programme is required unless the officer names it."""
    people, programme, session = PEOPLE, TRAINING_PROGRAMMES, TRAINING_SESSIONS
    attendance = ATTENDANCE
    return (
        Target(
            "staff_no",
            N_("Staff number"),
            _synonyms(
                people.field("staff_no"),
                "受講者ID",
                "ユーザーID",
                "ユーザID",
                "ログインID",
                "社員ID",
                "職員ID",
                "個人番号",
                "User ID",
                "Login ID",
            ),
            False,
            people.field("staff_no"),
        ),
        Target(
            "name",
            N_("Name"),
            _synonyms(people.field("name"), "姓名", "受講者", "受講者氏名", "氏名（漢字）"),
            False,
            people.field("name"),
            joinable=True,
        ),
        Target(
            "kana",
            N_("Name (kana)"),
            _synonyms(people.field("kana"), "ﾌﾘｶﾞﾅ", "氏名カナ", "カナ氏名"),
            False,
            people.field("kana"),
            joinable=True,
        ),
        Target(
            "department",
            N_("Department"),
            _synonyms(
                people.field("department"),
                "所属名称",
                "所属部署名",
                "部署名称",
                "事業所名",
                "店舗",
                "店舗名",
                "配属先",
                "組織",
                "組織名",
                "Department",
            ),
            title_fact="unit",
        ),
        Target(
            "employment_type",
            N_("Employment type"),
            _synonyms(people.field("employment_type"), "雇用区分名", "身分", "区分", "職種区分"),
            catalogue="EMPLOYMENT_TYPE",
        ),
        Target(
            "course",
            N_("Programme"),
            _synonyms(
                programme.field("title"),
                "研修名称",
                "コース",
                "コースタイトル",
                "教材名",
                "講座",
                "Course Title",
                "Course Name",
            ),
            not programme_given,
            title_fact="programme",
        ),
        Target(
            "training_type",
            N_("Training type"),
            _synonyms(programme.field("training_type"), "研修区分", "研修種別", "教育区分"),
            catalogue="TRAINING_TYPE",
        ),
        Target(
            "held_on",
            N_("Date"),
            _synonyms(
                session.field("held_on"),
                "修了日",
                "完了日",
                "受講完了日",
                "修了日時",
                "完了日時",
                "受講日時",
                "学習完了日",
                "出席日",
                "参加日",
                "日付",
                "年月日",
                "Completion Date",
                "Completed On",
                "Completed",
            ),
            False,
            session.field("held_on"),
            title_fact="date",
        ),
        Target(
            "format",
            N_("Format"),
            _synonyms(session.field("format")),
            catalogue="TRAINING_FORMAT",
        ),
        Target(
            "status",
            N_("Status"),
            _synonyms(
                attendance.field("status"),
                "受講",
                "受講有無",
                "受講結果",
                "結果",
                "学習状況",
                "進捗状況",
                "受講状態",
                "出席",
                "出欠席",
                "Status",
                "Completion Status",
            ),
            catalogue="ATTENDANCE_STATUS",
        ),
        Target(
            "progress",
            N_("Progress"),
            ("進捗率", "進捗", "学習進捗", "進捗状況(%)", "Progress", "Progress (%)"),
        ),
        Target(
            "score",
            N_("Score"),
            _synonyms(attendance.field("score"), "テスト得点", "得点率", "Score"),
        ),
        Target(
            "passed",
            N_("Passed"),
            _synonyms(attendance.field("passed"), "合否判定", "テスト結果", "Result"),
        ),
        Target(
            "acknowledged",
            N_("Signed / acknowledged"),
            _synonyms(attendance.field("acknowledged")),
            False,
            attendance.field("acknowledged"),
        ),
        Target("notes", N_("Notes"), _synonyms(attendance.field("notes"))),
    )
