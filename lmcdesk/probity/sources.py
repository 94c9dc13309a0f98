"""Where the rules come from, cited once so every rule says it the same way.

Only documents (and statutory sections) are named, never paragraph numbers we
cannot vouch for.  NHS England has since replaced the 2017 NHS-wide guidance
with an updated "Managing conflicts of interest in the NHS" reflecting the
Health and Care Act 2022 (integrated care boards, the provider selection
regime); the rules below hold under both.
"""

NHSE_COI_2017 = (
    'NHS England, "Managing Conflicts of Interest in the NHS: Guidance for staff and organisations" (2017)'
)
NHSE_CCG_2017 = (
    'NHS England, "Managing Conflicts of Interest: Revised Statutory Guidance for CCGs" (2017)'
)
NHS_ACT_14O = (
    "National Health Service Act 2006, s.14O (registers of interests and management of conflicts "
    "of interest; declaration and registration within 28 days), as carried into CCG constitutions "
    "and standing orders"
)
STANDING_ORDERS = "the body's constitution and standing orders (quorum, chairing and voting)"
PUBLIC_BODIES_1960 = (
    "Public Bodies (Admission to Meetings) Act 1960, s.1(2): the public may be excluded by resolution "
    "where publicity would be prejudicial to the public interest because of the confidential nature "
    "of the business or for other special reasons stated in the resolution"
)
PSR_2023 = (
    "The Health Care Services (Provider Selection Regime) Regulations 2023: records of decisions, "
    "including conflicts of interest and how they were managed"
)
COMPANIES_ACT_175 = (
    "Companies Act 2006, s.175 (a director's duty to avoid a situation in which they have an interest "
    "that conflicts with the company's), for the boards of federation companies"
)
