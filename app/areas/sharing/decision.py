"""The decision helper: is a data flow 委託, 共同利用 or 第三者提供, and is a record needed?

A short list of yes/no questions asked in order (domain §6; 法27条1項・5項, 28条, 29条1項ただし書,
31条). ``next_question(answers)`` says which question comes next (None once a conclusion is
reached) and ``conclude(answers)`` gives the conclusion with the reasons, both from the answers
alone, so the wizard (``ui/sharing_decision.py``), the register's derive and the tests agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.i18n import N_


@dataclass(frozen=True)
class Question:
    key: str  # the yes/no field of the decision register
    label: str  # N_() msgid: the field's short label in the register's form and exports
    text: str  # N_() msgid
    help: str  # N_() msgid: what the law says, in one line


QUESTIONS: tuple[Question, ...] = (
    Question(
        "q_leaves_org",
        N_("Handled outside the organisation"),
        N_(
            "Will someone outside the organisation be able to handle the data (it is handed over, "
            "shown or made accessible to another company, co-op or person)?"
        ),
        N_("Use inside the organisation, between its own departments, is not a provision."),
    ),
    Question(
        "q_related_info",
        N_("Personally related information"),
        N_(
            "Is it information that does not identify anyone on our side (cookie IDs, browsing "
            "history) which the recipient will link to people it can identify?"
        ),
        N_(
            "Personally related information (art. 31): confirm the person's consent and keep a "
            "record."
        ),
    ),
    Question(
        "q_entrusted",
        N_("Entrusted (outsourced)"),
        N_(
            "Will the recipient handle the data only on our behalf, for our purposes (outsourcing: "
            "delivery, printing, system operation)?"
        ),
        N_(
            "Entrustment is not a provision to a third party (art. 27(5)(i)); supervise the "
            "contractor instead (art. 25)."
        ),
    ),
    Question(
        "q_succession",
        N_("Business succession"),
        N_("Is the data passed on with a business succession (merger, transfer of a business)?"),
        N_("Art. 27(5)(ii): not a provision to a third party."),
    ),
    Question(
        "q_joint_use",
        N_("Within a published joint use"),
        N_(
            "Is the recipient within a joint use published in advance, for the published items "
            "and purposes?"
        ),
        N_("Art. 27(5)(iii): the five items must have been notified or published beforehand."),
    ),
    Question(
        "q_foreign",
        N_("Recipient abroad"),
        N_("Is the recipient a third party in a foreign country?"),
        N_(
            "Art. 28: consent after informing the person of the country, its regime and the "
            "recipient's measures, or an equivalent system with periodic checks."
        ),
    ),
    Question(
        "q_law_exception",
        N_("By law or art. 27(1) exception"),
        N_(
            "Is the provision required by law, or needed to protect someone's life, body or "
            "property when consent is hard to get (art. 27(1) items)?"
        ),
        N_("No consent is needed, and no provision record (art. 29(1) proviso)."),
    ),
    Question(
        "q_public_body",
        N_("To a government body"),
        N_(
            "Is the recipient a national or local government body or an incorporated "
            "administrative agency?"
        ),
        N_("Provisions to these bodies need no provision record (art. 29(1) proviso)."),
    ),
    Question(
        "q_on_behalf",
        N_("In the person's place"),
        N_(
            "Do we hand it over in the person's place, at their own request (for example, to the "
            "delivery address they asked for)?"
        ),
        N_(
            "A provision made in the person's place falls outside the record duty (PPC guideline "
            "on confirmation and records)."
        ),
    ),
    Question(
        "q_consent",
        N_("With the person's consent"),
        N_(
            "Has the person consented to this provision (abroad: after being given the country, "
            "its regime and the recipient's measures)?"
        ),
        N_("Consent (art. 27(1), 28(1)): keep a provision record."),
    ),
    Question(
        "q_opt_out",
        N_("Opt-out filed"),
        N_("Has the provision been filed with the PPC as an opt-out provision?"),
        N_("Opt-out (art. 27(2)) needs the filing; sensitive data can never be provided this way."),
    ),
)
QUESTION_KEYS = tuple(question.key for question in QUESTIONS)
_BY_KEY = {question.key: question for question in QUESTIONS}

RECORD_NEEDED = frozenset({"third_party", "third_party_foreign"})
# The basis a provision record then carries (catalogue PROVISION_BASIS).
BASIS_FOR = {
    "entrustment": "not_third_party",
    "succession": "not_third_party",
    "joint_use": "not_third_party",
    "third_party_exempt": "exempt_law",
}


@dataclass(frozen=True)
class Conclusion:
    flow_class: str  # catalogue FLOW_CLASS
    record_needed: bool
    basis: str | None  # catalogue PROVISION_BASIS, for the provision record
    reason: str  # N_() msgid


def _walk(answers: Mapping[str, bool | None]) -> tuple[str | None, Conclusion | None]:
    """(next question key, None) while questions remain, else (None, conclusion)."""

    def ask(key: str) -> bool | None:
        return answers.get(key)

    steps = [
        ("q_leaves_org", False, Conclusion(
            "internal", False, None,
            N_("The data stays inside the organisation: this is use, not a provision."))),
        ("q_related_info", True, Conclusion(
            "third_party", True, "related_info",
            N_("Personally related information the recipient will link to people: confirm "
               "consent and keep a record (art. 31, rules 27–29)."))),
        ("q_entrusted", True, Conclusion(
            "entrustment", False, "not_third_party",
            N_("Entrustment: not a provision to a third party (art. 27(5)(i)). No provision "
               "record; supervise the contractor (art. 25)."))),
        ("q_succession", True, Conclusion(
            "succession", False, "not_third_party",
            N_("Business succession: not a provision to a third party (art. 27(5)(ii)). No "
               "provision record."))),
        ("q_joint_use", True, Conclusion(
            "joint_use", False, "not_third_party",
            N_("Joint use within the published arrangement: not a provision to a third party "
               "(art. 27(5)(iii)). No provision record; keep the published items current."))),
    ]  # fmt: skip
    for key, stop_on, conclusion in steps:
        value = ask(key)
        if value is None:
            return key, None
        if value is stop_on:
            return None, conclusion
    if ask("q_foreign") is None:
        return "q_foreign", None
    foreign = bool(ask("q_foreign"))
    exempt = [
        ("q_law_exception", N_("By law or another art. 27(1) exception: no consent and no "
                               "provision record are needed (art. 29(1) proviso). Note the "
                               "legal ground.")),
        ("q_public_body", N_("To a government body: no provision record is needed (art. 29(1) "
                             "proviso), but the provision itself still needs a basis.")),
        ("q_on_behalf", N_("Made in the person's place at their request: outside the record "
                           "duty.")),
    ]  # fmt: skip
    for key, reason in exempt:
        value = ask(key)
        if value is None:
            return key, None
        if value:
            return None, Conclusion("third_party_exempt", False, "exempt_law", reason)
    kind = "third_party_foreign" if foreign else "third_party"
    consent = ask("q_consent")
    if consent is None:
        return "q_consent", None
    if consent:
        reason = (
            N_("Provision abroad with informed consent (art. 28(1)): keep a provision record.")
            if foreign
            else N_("Provision with the person's consent (art. 27(1)): keep a provision record.")
        )
        return None, Conclusion(kind, True, "consent_foreign" if foreign else "consent", reason)
    if foreign:
        return None, Conclusion(
            "not_permitted", False, None,
            N_("Without consent a foreign recipient needs an equivalent system checked "
               "periodically and a basis under art. 27; get consent or record the basis first."))  # fmt: skip
    opt_out = ask("q_opt_out")
    if opt_out is None:
        return "q_opt_out", None
    if opt_out:
        return None, Conclusion(
            "third_party", True, "opt_out",
            N_("Opt-out provision filed with the PPC (art. 27(2)): keep a provision record."))  # fmt: skip
    return None, Conclusion(
        "not_permitted", False, None,
        N_("No consent, no exception and no opt-out filing: the data may not be provided."))  # fmt: skip


def next_question(answers: Mapping[str, bool | None]) -> Question | None:
    key, _conclusion = _walk(answers)
    return _BY_KEY[key] if key else None


def conclude(answers: Mapping[str, bool | None]) -> Conclusion | None:
    """The conclusion once enough questions are answered, else None."""
    return _walk(answers)[1]


def asked(answers: Mapping[str, bool | None]) -> list[str]:
    """The questions that lead to the conclusion, in order (later answers are not needed)."""
    path: list[str] = []
    trail: dict[str, bool | None] = {}
    while True:
        key, _conclusion = _walk(trail)
        if key is None or answers.get(key) is None:
            return path if key is None else [*path, key]
        path.append(key)
        trail[key] = answers[key]
