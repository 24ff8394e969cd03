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
