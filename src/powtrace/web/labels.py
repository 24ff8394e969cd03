"""Names of statuses, roles, sides, facets and visibility levels, marked for translation."""

from __future__ import annotations

from powtrace.web.i18n import N_

STATUS = {
    "unknown": N_("status unknown"),
    "serving": N_("serving"),
    "missing": N_("missing"),
    "in_captivity": N_("in captivity"),
    "in_post_return_isolation": N_("in post-return isolation"),
    "back_in_service_noncombat": N_("back in service (non-combat)"),
    "back_in_service_combat": N_("back in service (combat)"),
    "at_home": N_("at home"),
    "prosecuted": N_("prosecuted at home"),
    "imprisoned": N_("imprisoned at home"),
    "discharged": N_("discharged"),
    "dead": N_("dead"),
    "missing_again": N_("missing again after return"),
    "refuses_repatriation": N_("refuses repatriation"),
}
ROLES = {
    "administrator": N_("administrator"),
    "analyst": N_("analyst"),
    "lawyer": N_("lawyer"),
    "viewer": N_("viewer"),
}
SIDES = {
    "russia": N_("Russia"),
    "ukraine": N_("Ukraine"),
    "other": N_("other"),
    "unknown": N_("unknown"),
}
FACETS = {
    "legal": N_("legal (home state)"),
    "legal_detaining": N_("legal (detaining state)"),
    "pay": N_("pay"),
    "contact": N_("contact"),
    "medical": N_("medical"),
    "registration": N_("registration"),
    "counsel": N_("counsel"),
}
VISIBILITY = {
    "public": N_("public"),
    "restricted": N_("restricted"),
    "sealed": N_("sealed"),
}
FLOW = {
    "captured": N_("captured"),
    "not_captured": N_("never captured"),
    "exchanged": N_("exchanged"),
    "not_exchanged": N_("still held"),
    "isolated": N_("post-return isolation"),
    "not_isolated": N_("no isolation recorded"),
}
RELIABILITY = {
    "A": N_("completely reliable"),
    "B": N_("usually reliable"),
    "C": N_("fairly reliable"),
    "D": N_("not usually reliable"),
    "E": N_("unreliable"),
    "F": N_("reliability cannot be judged"),
}
CREDIBILITY = {
    1: N_("confirmed by other sources"),
    2: N_("probably true"),
    3: N_("possibly true"),
    4: N_("doubtful"),
    5: N_("improbable"),
    6: N_("truth cannot be judged"),
}
FINDING_STATUS = {
    "open": N_("open"),
    "acknowledged": N_("acknowledged"),
    "acted_on": N_("acted on"),
    "dismissed": N_("dismissed"),
}
SEVERITY = {
    "critical": N_("critical"),
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
}
CERTAINTY = {
    "certain": N_("certain"),
    "probable": N_("probable"),
}
LEGAL_CERTAINTY = {
    "settled": N_("settled law"),
    "contested": N_("contested law"),
}
SUPPORT = {
    "current": N_("supported by the facts now"),
    "unsupported": N_("no longer supported"),
    "all": N_("both"),
}
CASE_KIND = {
    "family_search": N_("family search"),
    "legal_defence": N_("legal defence"),
    "repatriation_request": N_("repatriation request"),
    "other": N_("other"),
}
CASE_STATUS = {
    "open": N_("in progress"),
    "waiting": N_("waiting for an answer"),
    "closed": N_("closed"),
}
CASE_ROLE = {
    "sought": N_("sought"),
    "client": N_("client"),
    "witness": N_("witness"),
    "other": N_("other"),
}
RELATIONSHIP = {
    "mother": N_("mother"),
    "father": N_("father"),
    "wife": N_("wife"),
    "husband": N_("husband"),
    "partner": N_("partner"),
    "son": N_("son"),
    "daughter": N_("daughter"),
    "brother": N_("brother"),
    "sister": N_("sister"),
    "grandparent": N_("grandparent"),
    "other_relative": N_("other relative"),
    "friend": N_("friend"),
    "other": N_("other"),
}
CONSENT_HOW = {
    "written": N_("in writing"),
    "in_person": N_("in person"),
    "phone": N_("by phone"),
    "message": N_("by message"),
    "other": N_("other"),
}
# Problems the case workflow names, by code (store.cases.MESSAGES has the English for the CLI).
CASE_PROBLEMS = {
    "required": N_("Fill this in."),
    "too_long": N_("This is too long."),
    "unknown": N_("Choose from the list."),
    "not_a_day": N_("Write a day as YYYY-MM-DD."),
    "in_future": N_("This day is in the future."),
    "consent_needed": N_(
        "Contact details can be saved only with the relative's consent: tick it and say "
        "when and how it was given."
    ),
}
LIST_FIELDS = {
    "id": N_("row id"),
    "qid": N_("Wikidata id"),
    "surname": N_("surname"),
    "first_name": N_("given name"),
    "patronymic": N_("patronymic"),
    "full_name": N_("full name"),
    "birth_date": N_("date of birth"),
    "age": N_("age"),
    "age_as_of": N_("age as of"),
    "unit": N_("unit"),
    "region": N_("home region"),
    "rank": N_("rank"),
    "side": N_("side"),
    "gender": N_("gender"),
    "birth_place": N_("place of birth"),
}
JUDGEMENT = {
    "same": N_("same person"),
    "not_same": N_("not the same"),
    "unsure": N_("unsure"),
}
# Refusals of repatriation (workflows.wishes; the event types' vocabulary).
WISH_TYPE = {
    "refused_repatriation": N_("his own wish"),
    "exclusion_requested_by_relative": N_("a relative's request"),
}
WISH = {
    "refuses_repatriation": N_("refuses repatriation"),
    "seeks_to_stay": N_("asks to stay in the detaining state"),
    "seeks_asylum": N_("seeks asylum"),
    "kept out of the exchange": N_("to be kept out of the exchange"),
}
OBTAINED_VIA = {
    "icrc_interview": N_("ICRC interview"),
    "lawyer": N_("through a lawyer"),
    "letter": N_("letter"),
    "video": N_("video"),
    "other": N_("other"),
}
MEDICAL_STATE = {
    "seriously_wounded": N_("seriously wounded"),
    "seriously_sick": N_("seriously sick"),
    "wounded": N_("wounded"),
    "sick": N_("sick"),
    "fit": N_("fit"),
    "unknown": N_("not known"),
}
EXPORT_FORMAT = {
    "json": N_("powtrace JSON (the lossless backup format, importable again)"),
    "ftm": N_("FollowTheMoney entities (JSON lines)"),
    "csv": N_("CSV table"),
}
EXPORT_TABLE = {
    "persons": N_("persons"),
    "events": N_("events"),
}
