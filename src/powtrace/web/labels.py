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
# ---- the vocabularies kept as data (domain/event_types.yaml, lifecycle/*.yaml) --------------
# The English must equal the data files' labels (tests/web/test_labels.py): the rule texts
# quote them, and web/rule_texts.py finds them there by their English words.
EVENT_TYPE = {
    "enlisted": N_("enlisted or mobilised"),
    "missing": N_("went missing"),
    "declared_awol": N_("declared absent without leave by the home state"),
    "captured": N_("captured"),
    "surrendered": N_("surrendered"),
    "registered_icrc": N_("registered with the ICRC"),
    "icrc_visit": N_("visited by the ICRC"),
    "capture_card_sent": N_("capture card sent (GC III Art. 70)"),
    "bureau_notified": N_("national information bureau notified (GC III Art. 122)"),
    "interned": N_("interned in a camp or detention facility"),
    "transferred": N_("transferred to another facility"),
    "hospitalised": N_("hospitalised"),
    "wounded": N_("wounded or fell sick"),
    "medical_care_denied": N_("medical care denied"),
    "tortured": N_("tortured or ill-treated"),
    "interviewed_in_captivity": N_("interviewed or filmed while in captivity"),
    "filmed_interrogation_published": N_(
        "filmed interrogation published (exposure to public curiosity)"
    ),
    "prosecuted_by_detainer": N_("prosecuted by the detaining state"),
    "refused_repatriation": N_("refuses repatriation or asks to stay out of an exchange"),
    "exclusion_requested_by_relative": N_("a relative asks to keep him out of an exchange"),
    "listed_for_exchange": N_("named on an exchange list"),
    "exchanged": N_("exchanged"),
    "released": N_("released by the detaining state"),
    "handed_over": N_("handed over to the home state"),
    "isolated_interrogated": N_("held in isolation and interrogated after return"),
    "released_from_isolation": N_("released from post-return isolation"),
    "hospitalised_after_return": N_("hospitalised after return"),
    "leave_granted": N_("leave granted after return"),
    "returned_to_unit": N_("returned to his unit"),
    "assigned_noncombat": N_("assigned to a non-combat role"),
    "redeployed_combat": N_("sent back to combat or front-line duty"),
    "discharged": N_("discharged from service"),
    "pay_suspended": N_("pay suspended"),
    "pay_restored": N_("pay restored"),
    "family_contact": N_("family contact"),
    "family_notified": N_("family notified by an authority"),
    "family_no_information": N_("family unable to get information"),
    "counsel_access": N_("access to a lawyer"),
    "counsel_denied": N_("access to a lawyer denied"),
    "criminal_case_opened": N_("criminal case opened by the home state"),
    "charged": N_("charged"),
    "detained_pretrial": N_("held in pre-trial detention"),
    "convicted": N_("convicted"),
    "sentenced": N_("sentenced"),
    "acquitted": N_("acquitted or case closed"),
    "interviewed_by_press": N_("gave an interview to the press"),
    "killed": N_("killed"),
    "died_in_captivity": N_("died in captivity"),
    "died": N_("died (other circumstances)"),
    "body_repatriated": N_("body repatriated"),
    "other": N_("other"),
}
# Custody states as lifecycle/custody.yaml labels them (problem messages quote these).
CUSTODY = {
    "serving": N_("serving"),
    "missing": N_("missing"),
    "captured": N_("captured"),
    "interned": N_("interned"),
    "hospitalised_in_captivity": N_("hospitalised in captivity"),
    "refuses_repatriation": N_("refusing repatriation"),
    "exchanged": N_("exchanged (in transit)"),
    "post_return_isolation": N_("post-return isolation"),
    "hospitalised_after_return": N_("hospitalised after return"),
    "at_home": N_("at home"),
    "returned_to_unit": N_("back in his unit"),
    "noncombat_service": N_("non-combat service"),
    "combat_service": N_("combat service"),
    "discharged": N_("discharged"),
    "imprisoned": N_("imprisoned at home"),
    "dead": N_("dead"),
}
NO_CUSTODY = N_("no known custody")
# Facet values (lifecycle/facets.yaml), by value: a value means the same in every facet.
FACET_VALUE = {
    "awol_order": N_("declared absent without leave"),
    "case_opened": N_("criminal case opened"),
    "charged": N_("charged"),
    "pretrial_detention": N_("in pre-trial detention"),
    "convicted": N_("convicted"),
    "sentenced": N_("sentenced"),
    "closed": N_("acquitted or case closed"),
    "suspended": N_("pay suspended"),
    "paid": N_("paid"),
    "no_information": N_("family without information"),
    "incommunicado": N_("held incommunicado"),
    "capture_card_sent": N_("capture card sent"),
    "family_notified": N_("family notified"),
    "family_contact": N_("in contact with family"),
    "wounded": N_("wounded or sick"),
    "care_denied": N_("medical care denied"),
    "hospitalised": N_("hospitalised"),
    "registered_with_cta": N_("registered with the ICRC Central Tracing Agency"),
    "icrc_visited": N_("visited by the ICRC"),
    "denied": N_("access to a lawyer denied"),
    "granted": N_("access to a lawyer granted"),
}
# The structured details of events (domain/event_types.yaml), their names and listed values.
DETAIL = {
    "agencies": N_("agencies"),
    "agency": N_("agency"),
    "arrears_paid": N_("arrears paid"),
    "art110_category": N_("GC III Art. 110 category"),
    "article": N_("article"),
    "asked": N_("asked"),
    "basis": N_("basis"),
    "bureau": N_("bureau"),
    "by": N_("by"),
    "case_number": N_("case number"),
    "cause": N_("cause"),
    "circumstances": N_("circumstances"),
    "condition": N_("condition"),
    "consent": N_("consent"),
    "context": N_("circumstances of death"),
    "court": N_("court"),
    "currency": N_("currency"),
    "days": N_("days"),
    "description": N_("description"),
    "detaining_state": N_("detaining state"),
    "duration_days": N_("duration in days"),
    "evidence_from_captivity": N_("evidence from captivity"),
    "expressed_by": N_("expressed by"),
    "facility": N_("facility"),
    "from_facility": N_("from facility"),
    "group_size": N_("group size"),
    "identified": N_("identified"),
    "in_absentia": N_("in absentia"),
    "investigated": N_("investigated"),
    "kind": N_("kind of sentence"),
    "lawyer": N_("lawyer"),
    "list": N_("list"),
    "list_category": N_("category on the list"),
    "location": N_("location"),
    "means": N_("means"),
    "medical_state": N_("medical state"),
    "mode": N_("how captured"),
    "monthly_amount": N_("monthly amount"),
    "notified": N_("notified"),
    "obtained_via": N_("obtained via"),
    "order": N_("order"),
    "outlet": N_("outlet"),
    "place": N_("place"),
    "place_detail": N_("place in detail"),
    "published": N_("published"),
    "reason": N_("reason"),
    "relationship": N_("relationship"),
    "relative": N_("relative"),
    "reported_by": N_("reported by"),
    "risks": N_("risks"),
    "role": N_("role"),
    "row": N_("row"),
    "service_type": N_("type of service"),
    "severity": N_("severity"),
    "term_months": N_("term in months"),
    "to": N_("to"),
    "unit": N_("unit"),
    "url": N_("web address"),
    "via": N_("via"),
    "wish": N_("wish"),
}
DETAIL_VALUE = {
    "accident": N_("accident"),
    "ad_hoc_swap": N_("ad hoc exchange"),
    "after_return": N_("after return"),
    "art118_end_of_hostilities": N_("end of hostilities (GC III Art. 118)"),
    "awol_order": N_("absent-without-leave order"),
    "captivity_unconfirmed": N_("captivity not confirmed"),
    "combat": N_("in combat"),
    "conscript": N_("conscript"),
    "contract": N_("contract"),
    "convict_recruit": N_("recruited from prison"),
    "encircled": N_("encircled"),
    "executed_at_capture": N_("executed at capture"),
    "fine": N_("fine"),
    "fit": N_("fit"),
    "foreign_national": N_("foreign national"),
    "i_want_to_live": N_("through 'I Want to Live'"),
    "icrc_interview": N_("ICRC interview"),
    "illness": N_("illness"),
    "in_custody_at_home": N_("in custody at home"),
    "in_person": N_("in person"),
    "incurable": N_("incurable"),
    "lawyer": N_("through a lawyer"),
    "letter": N_("letter"),
    "light": N_("light"),
    "medical_art109": N_("medical repatriation (GC III Art. 109)"),
    "missing": N_("missing"),
    "mobilised": N_("mobilised"),
    "negotiated": N_("negotiated"),
    "none": N_("none"),
    "not_recoverable_within_a_year": N_("not expected to recover within a year"),
    "other": N_("other"),
    "penal_colony": N_("penal colony"),
    "permanently_diminished": N_("fitness gravely and permanently diminished"),
    "pmc": N_("private military company"),
    "prison": N_("prison"),
    "refuses_repatriation": N_("refuses repatriation"),
    "seeks_asylum": N_("seeks asylum"),
    "seeks_to_stay": N_("asks to stay in the detaining state"),
    "serious": N_("serious"),
    "seriously_sick": N_("seriously sick"),
    "seriously_wounded": N_("seriously wounded"),
    "sick": N_("sick"),
    "surrender_alleged": N_("alleged voluntary surrender"),
    "surrendered": N_("surrendered"),
    "suspended": N_("suspended sentence"),
    "unilateral": N_("unilateral release"),
    "unknown": N_("not known"),
    "video": N_("video"),
    "volunteer": N_("volunteer"),
    "wounded": N_("wounded"),
    "wounded_sick_agreement": N_("agreement on the wounded and sick"),
}
YES_NO = {"True": N_("yes"), "False": N_("no")}
PROBLEM = {
    "return_without_capture": N_("return without a capture"),
    "exchanged_before_captured": N_("exchanged before captured"),
    "event_after_death": N_("event after death"),
    "ambiguous_order": N_("order unclear"),
    "forbidden_transition": N_("impossible change of custody"),
    "undated_event": N_("undated custody event"),
}
NAME_KIND = {
    "official": N_("official"),
    "as_reported": N_("as reported"),
    "transliteration": N_("transliteration"),
    "alias": N_("alias"),
}
REVIEW_STATE = {
    "proposed": N_("proposed"),
    "confirmed": N_("confirmed"),
    "disputed": N_("disputed"),
    "rejected": N_("rejected"),
}
PROPOSAL_STATUS = {
    "pending": N_("waiting for review"),
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
}
# The legal basis a list alert names (workflows.wishes.Alert.legal_basis), by its English.
ALERT_BASIS = {
    "GC III Art. 109(3); ICRC 2020 Commentary on Art. 118 (non-refoulement)": N_(
        "GC III Art. 109(3); ICRC 2020 Commentary on Art. 118 (non-refoulement)"
    ),
}
SOURCE_KIND = {
    "article": N_("article in the press"),
    "testimony": N_("testimony"),
    "exchange_list": N_("exchange list"),
    "official_record": N_("official record"),
    "video": N_("video"),
    "other": N_("other"),
}
SCRIPT = {
    "cyrillic": N_("Cyrillic"),
    "latin": N_("Latin"),
    "mixed": N_("mixed scripts"),
    "other": N_("other"),
}
