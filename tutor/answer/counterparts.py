"""Sections of different policies that answer the same kind of question.

`equivalent_to` links sections with the same words (CREC's and Thomaston's
lettered rules). The five policies also cover the same rules in different
words and places: CREC's "inappropriate communications with students" is
Clinton's "Electronic Communications"; CREC's software rule is one item of
Clinton's "Prohibited Uses" and of C.E.S.'s "Unacceptable Network Use". When
the best passage for a question is another district's, the asker's own
answer is its counterpart here, not merely their policy's best-scoring
section, which may be about something else. Written from the policies: each
group is one rule and every section, in any policy, that states it.
"""

from __future__ import annotations

RULES: dict[str, tuple[str, ...]] = {
    "personal use": ("crec:policy", "crec:B", "thomaston:policy", "thomaston:B", "clinton:policy",
                     "clinton:introduction", "stafford:introduction", "ces:acceptable-network-use"),
    # Shopping for oneself: personal use where it is allowed; C.E.S. forbids purchasing for personal use.
    "shopping for oneself": ("crec:policy", "crec:B", "thomaston:policy", "thomaston:B", "clinton:policy",
                             "clinton:introduction", "stafford:introduction", "ces:administrative-guidelines",
                             "ces:internet-safety-guidelines"),
    "communication with students": ("crec:C.3", "thomaston:C.3", "clinton:electronic-communications",
                                    "stafford:electronic-communications"),
    "monitoring and privacy": ("crec:D", "thomaston:D", "crec:policy", "thomaston:policy", "clinton:monitoring",
                               "clinton:privacy", "clinton:policy", "stafford:monitoring", "stafford:privacy",
                               "stafford:monitoring-notice", "ces:no-expectation-of-privacy", "ces:policy"),
    # Only Clinton's and Stafford's "Monitoring" name the devices that reach the systems: "electronic devices
    # accessing the computer systems" may be monitored.
    "monitoring devices on the network": ("clinton:monitoring", "stafford:monitoring"),
    # Clinton's and Stafford's urging to report an improper message one receives, and their prohibited uses.
    "receiving improper messages": ("clinton:reporting", "stafford:reporting", "clinton:prohibited-uses",
                                    "stafford:prohibited-uses"),
    # Clinton's and Stafford's "Monitoring": the Superintendent may eliminate personal use at any time.
    "ending personal use": ("clinton:monitoring", "stafford:monitoring"),
    "installing software": ("crec:C.7", "thomaston:C.7", "clinton:prohibited-uses", "stafford:prohibited-uses",
                            "ces:unacceptable-network-use", "ces:administrative-guidelines"),
    "selling and private gain": ("crec:C.4", "thomaston:C.4", "clinton:prohibited-uses", "stafford:prohibited-uses",
                                 "ces:unacceptable-network-use", "ces:internet-safety-guidelines"),
    "causes, politics and fundraising": ("crec:C.5", "thomaston:C.5", "clinton:prohibited-uses",
                                         "stafford:prohibited-uses", "ces:unacceptable-network-use"),
    "obscene material": ("crec:C.2", "thomaston:C.2", "clinton:prohibited-uses", "stafford:prohibited-uses",
                         "ces:unacceptable-network-use"),
    "illegal use and harassment": ("crec:C.1", "thomaston:C.1", "clinton:prohibited-uses", "stafford:prohibited-uses",
                                   "ces:unacceptable-network-use"),
    "copyright": ("crec:C.1", "thomaston:C.1", "clinton:prohibited-uses", "stafford:prohibited-uses",
                  "ces:copyright"),
    # CREC's and Thomaston's C: employees are responsible for their passwords and accounts.
    "passwords and accounts": ("crec:C.12", "thomaston:C.12", "crec:C", "thomaston:C", "ces:network-security",
                               "ces:email-guidelines"),
    "unauthorized access": ("crec:C.10", "thomaston:C.10", "crec:C.14", "thomaston:C.14", "clinton:prohibited-uses",
                            "stafford:prohibited-uses", "ces:unacceptable-network-use"),
    "getting around the filter": ("crec:C.10", "thomaston:C.10", "crec:C.14", "thomaston:C.14",
                                  "ces:filtering-and-monitoring", "ces:digital-citizenship"),
    "reporting problems and misuse": ("crec:C.15", "thomaston:C.15", "clinton:reporting", "stafford:reporting",
                                      "ces:student-names-and-dangerous-content"),
    # Stafford's notice on electronic monitoring names whom questions about monitoring go to.
    "whom to ask": ("crec:intro", "thomaston:intro", "clinton:reporting", "stafford:reporting",
                    "stafford:monitoring-notice"),
    "discipline": ("crec:policy", "thomaston:policy", "crec:intro", "thomaston:intro", "clinton:disciplinary-action",
                   "stafford:disciplinary-action", "ces:disciplinary-action"),
    "confidential information": ("crec:E", "thomaston:E", "clinton:prohibited-uses", "stafford:prohibited-uses",
                                 "ces:student-data", "ces:personal-information"),
    "supervising students": ("crec:F", "thomaston:F", "ces:filtering-and-monitoring", "ces:policy"),
    "who gets access": ("crec:A", "thomaston:A"),
    # C.E.S.'s web-site guidelines restate, for web pages, its rules on student names and pictures and
    # on permission to publish student work.
    "publishing students' names, pictures and work": ("ces:student-names-and-dangerous-content", "ces:copyright",
                                                      "ces:web-site-guidelines"),
    # C.E.S.'s web-site guidelines on students' own web sites: under a teacher's guidance, reviewed before
    # posting, with the principal's permission.
    "students' web sites": ("ces:web-site-guidelines",),
    # C.E.S.'s e-mail guidelines: e-mail files are purged at least every 30 days.
    "e-mail kept or purged": ("ces:email-guidelines",),
    # Stafford's e-mail signature and confidentiality statement: the only policy that says what a signature holds.
    "e-mail signature": ("stafford:email-signature",),
    # Stafford's notice of electronic monitoring names video and audio surveillance in the buildings, on the
    # grounds and on the buses: no other policy speaks of cameras.
    "video surveillance": ("stafford:monitoring-notice",),
    # C.E.S.'s rule that staff who come across dangerous or inappropriate information notify a school authority.
    "dangerous information": ("ces:student-names-and-dangerous-content",),
    # C.E.S.'s network security: "Change passwords according to Agency need"; no other policy says when.
    "changing passwords": ("ces:network-security",),
    # CREC's and Thomaston's C.6: no communication presenting personal views as the employer's.
    "personal views as official": ("crec:C.6", "thomaston:C.6"),
    # CREC's and Thomaston's C.9: no mass e-mails without permission.
    "mass e-mail": ("crec:C.9", "thomaston:C.9"),
    "social networking": ("clinton:prohibited-uses", "stafford:prohibited-uses"),
    "personal online accounts": ("clinton:personal-online-accounts", "stafford:personal-online-accounts"),
    "signing the acknowledgment": ("crec:I", "thomaston:I", "thomaston:acknowledgment-form", "crec:policy",
                                   "thomaston:policy", "clinton:policy", "clinton:privacy", "stafford:privacy"),
    # Only C.E.S.'s network security procedures say how a password is kept: written down in a secure place, not
    # in a file without encryption, not in the browser's "remember password".
    "keeping a password safe": ("ces:network-security",),
    # CREC's and Thomaston's C, and C.E.S.'s network security: one answers for what is done on one's account.
    "answering for one's account": ("crec:C", "thomaston:C", "ces:network-security"),
    # CREC's and Thomaston's C.16: no using the systems after access is denied or revoked.
    "using the systems after access is revoked": ("crec:C.16", "thomaston:C.16"),
    # The lists of what is not allowed.
    "what is not allowed": ("crec:C", "thomaston:C", "clinton:prohibited-uses", "stafford:prohibited-uses",
                            "ces:unacceptable-network-use"),
    # What passwords are for when they can be got past: Clinton's and Stafford's "Privacy Issues" (system
    # security, not the user's privacy); CREC's and Thomaston's monitoring.
    "what passwords are for": ("clinton:privacy", "stafford:privacy", "crec:D", "thomaston:D"),
    # Clinton's and Stafford's reasons for monitoring ("Why Monitor?").
    "why the district monitors": ("clinton:why-monitor", "stafford:why-monitor"),
    # Stafford's notice of electronic monitoring; C.E.S. may monitor without notice.
    "notice of monitoring": ("stafford:monitoring-notice", "ces:no-expectation-of-privacy"),
    # CREC's and Thomaston's C.5: no knowingly giving school e-mail addresses to outside parties.
    "giving out e-mail addresses": ("crec:C.5", "thomaston:C.5"),
    # Thomaston's acknowledgment form: no one uses the systems until it is signed and returned.
    "using the systems only once signed": ("thomaston:acknowledgment-form",),
    # Thomaston's form itself: what signing it says.
    "the acknowledgment form's words": ("thomaston:acknowledgment-form",),
    "charges and costs": ("crec:H", "thomaston:H", "crec:G", "thomaston:G", "ces:unacceptable-network-use",
                          "ces:email-guidelines"),
    "risky attachments": ("crec:C.8", "thomaston:C.8", "ces:email-guidelines"),
    "the laws behind the policy": ("crec:policy", "thomaston:policy", "clinton:legal-references",
                                   "stafford:legal-references", "ces:legal-references"),
    "professional conduct in messages": ("crec:C.13", "thomaston:C.13", "clinton:electronic-communications",
                                         "stafford:electronic-communications", "ces:internet-safety-guidelines",
                                         "ces:email-guidelines"),
}


# Groups naming the sections that answer one kind of question between them without stating one rule: they are
# what such a question asks for (intents.py), not counterparts of each other for every question (the rule on
# reporting and the list of prohibited uses contest each other when a question asks only one of them).
ASKED_TOGETHER_ONLY = frozenset({"receiving improper messages"})


# A rule's fullest statements, for a question naming no district: CREC's and Thomaston's C.3 forbid "any
# inappropriate communications with students" in one line; Clinton's and Stafford's "Electronic
# Communications" say what messaging students by text, e-mail or social media may and may not be.
FULLEST: dict[str, tuple[str, ...]] = {
    ref: ("clinton:electronic-communications", "stafford:electronic-communications")
    for ref in ("crec:C.3", "thomaston:C.3")
}


def counterparts() -> dict[str, frozenset[str]]:
    """`district:section` -> every section, in any policy, stating one of the same rules."""
    out: dict[str, set[str]] = {}
    for name, refs in RULES.items():
        if name in ASKED_TOGETHER_ONLY:
            continue
        for ref in refs:
            out.setdefault(ref, set()).update(r for r in refs if r != ref)
    return {ref: frozenset(others) for ref, others in out.items()}
