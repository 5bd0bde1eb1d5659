"""Domain vocabulary: the words staff use, mapped to the words the policies use.

Staff ask about "Dropbox", "TikTok" or "a thumb drive"; the policies speak of
"software or applications", "social networking sites" and "equipment". Each
entry maps a staff word or phrase (lower case, matched on whole words) to the
policy wording it stands for. Entries are written from what the policies
cover, not from particular test questions, so that new phrasings keep working.
"""

from __future__ import annotations

from tutor.answer.terms import words

_APP = "software applications download install loading"
_SOCIAL = "social networking sites social media"
_PERSONAL_ACCOUNT = "personal online account"
_STORAGE = "unauthorized equipment device attaching"
_SEE = "monitor monitoring access review"
_BYPASS = "bypass defeat evade filter disengage"
_HARASS = "harassing threatening intimidating harassment cyberbullying"
_COPY = "copyright copyrighted duplicating copying distributing"
_FIRED = "disciplinary action termination discharge"
_SELL = "commercial private financial gain personal gain business solicitation"
_FUNDRAISE = "fundraising raise funds solicit non-school-sponsored organization"
_SHARE_LOGIN = "share password account another user"

SYNONYMS: dict[str, str] = {
    # software and apps
    "app": _APP, "apps": _APP, "program": _APP, "programs": _APP, "extension": _APP,
    "extensions": _APP, "plugin": _APP, "dropbox": _APP + " storage", "google drive": "files storage",
    "onedrive": "files storage", "spotify": _APP + " audio files", "itunes": _APP + " audio files",
    "tiktok": _APP + " " + _SOCIAL, "zoom app": _APP, "steam": _APP + " games", "game": "games",
    "solitaire": "games", "minecraft": "games", "fortnite": "games", "chess": "games",
    "put on": "install", "set up": "install", "setup": "install", "add": "install", "load": "loading",
    "run": "loading", "shareware": _APP, "freeware": _APP,         "license": "licensure site licensing",     # devices and storage
    "thumb drive": _STORAGE + " software", "flash drive": _STORAGE + " software",
    "usb": _STORAGE + " software", "memory stick": _STORAGE + " software",
    "external drive": _STORAGE, "hard drive": "hard drives",         "plug": "attaching connection", "plug in": "attaching connection", "hook up": "connection",
    "connect": "connection", "own laptop": "personal laptops", "my laptop": "laptop",
    "personal laptop": "personal laptops", "byod": "personal electronic device",
    "chromebook": "computer laptop", "ipad": "computer tablet device", "tablet": "computer device",
    "pc": "computer", "desktop": "computer", "phone": "telephone device", "cell": "telephone",
    "cellphone": "telephone", "smartphone": "smartphones", "wifi": "network wireless",
    "wi-fi": "network wireless", "internet": "internet", "printer": "equipment",
    "broke": "damage misuse", "break the": "damage misuse", "spilled": "damage",
    # social media and accounts
    "facebook": _SOCIAL + " facebook", "instagram": _SOCIAL + " " + _PERSONAL_ACCOUNT,
    "twitter": _SOCIAL + " twitter", "snapchat": _SOCIAL, "linkedin": _SOCIAL + " linkedin",
    "youtube": "youtube video files", "reddit": _SOCIAL, "x": _SOCIAL,
    "dm": "communications message", "dms": "communications messages", "message": "communications",
    "messages": "communications", "text": "texting communications", "texting": "texting communications",
    "friend request": "invitation join group", "invite": "invitation join group",
    "group": "group", "private group": "group personal online account",
    "gmail": "personal e-mail communications", "yahoo": "personal e-mail communications",
    "hotmail": "personal e-mail communications", "personal email": "personal e-mail communications",
    "email": "e-mail", "emails": "e-mail", "mail": "e-mail", "inbox": "e-mail",
    "mailbox": "e-mail", "footer": "signature confidentiality statement",
    "sign off": "signature", "disclaimer": "confidentiality statement",
            "sign up": "subscribing", "subscribe": "subscribing",
    "chain email": "chain letters mass e-mails", "chain letter": "chain letters",
    "everybody": "mass e-mails", "all staff": "mass e-mails", "whole district": "mass e-mails",
    "everyone in the district": "mass e-mails", "reply all": "mass e-mails",
    "spam": "spamming junk mail", "attachment": "attachments", "link": "attachments",
    "phishing": "attachments unknown sources viruses", "don't recognize": "unknown sources",
    "don't know": "unknown", "recognise": "unknown sources", "recognize": "unknown sources",
    "stranger": "unknown sources", "virus": "viruses", "malware": "viruses",
    "zoom": "remote teaching digital teaching platform electronic communications",
    "google meet": "remote teaching digital teaching platform", "teams": "remote teaching digital teaching platform",
    "online class": "remote teaching", "virtual": "remote teaching", "remote": "remote teaching",
    "teaching online": "remote teaching",
    # privacy and monitoring
    "see": _SEE, "watch": _SEE, "watching": _SEE, "track": _SEE, "tracking": _SEE, "spy": _SEE,
    "snoop": _SEE, "keeping tabs": _SEE, "keep tabs": _SEE, "read": "access review",
    "look at": "access review",     "check up": _SEE, "private": "privacy", "secret": "privacy", "confidential": "confidentiality",
    "history": "internet activity", "browse": "internet activity", "browsing": "internet activity",
    "surf": "internet", "websites": "web sites", "website": "web site", "webpage": "web page",
    "site": "sites", "delete": "delete erase", "deleted": "delete erase", "erase": "erase delete",
    "wipe": "delete erase conceal", "clear": "delete erase", "cover up": "conceal",
    "hide": "conceal", "gone": "delete", "saved": "stored files", "save": "stored",
    "files": "files stored", "camera": "video surveillance", "cameras": "video surveillance",
    "recording": "video recording surveillance", "record": "recording", "listen": "monitoring telephone",
    "calls": "telephone", "bathroom": "restrooms",
    "locker room": "locker rooms",     "foia": "public records freedom of information", "public records": "public records disclosure",
    "records request": "public records disclosure", "foi": "public records",
    "why": "reasons", "bother": "reasons",
    # passwords and accounts
    "login": "password account", "log in": "password account authenticate", "logins": "password account",
    "username": "user name password", "credentials": "password account", "sign in": "password account",
        "write down": "write down password", "remember": "remember password feature", "chrome": "browsers",
    "firefox": "browsers", "safari": "browsers", "browser": "browsers", "keychain": "remember password",
    "lock": "lock screen log off", "step away": "leaving computer", "step out": "leaving computer",
    "walk away": "leaving computer", "leave my desk": "leaving computer", "logged in": "log off",
    "sub": _SHARE_LOGIN, "substitute": _SHARE_LOGIN, "teammate": "another user",
    "colleague's": "another user account", "coworker's": "another user account",
    "someone else's": "another user account", "borrow": "another user",     "hacking": "hacking",     "locked out": "access",
    "shut off": "access denied revoked", "suspended": "access denied revoked",
    "cut off": "access denied revoked", "blocked": "filter access denied",
    "password": "password passwords", "my fault": "responsible", "on me": "responsible",
    "blame": "responsible", "liable": "responsible liable",
    # filtering and students
    "vpn": _BYPASS + " proxies", "proxy": _BYPASS + " proxies", "get around": _BYPASS,
    "around": "bypass", "unblock": _BYPASS, "turn off": "disengage disable", "switch off": "disengage",
    "disable": "disengage", "filter": "filter filtering", "web filter": "internet filter filtering software",
    "blocker": "filter", "kid": "students minors", "kids": "students minors", "child": "students minors",
    "children": "students minors", "student": "students", "class": "students instruction",
    "classroom": "instruction", "pupils": "students", "lesson": "instruction", "teach": "instruction",
    "bad": "inappropriate objectionable",
    "sketchy": "inappropriate", "shady": "inappropriate", "weird": "inappropriate",
    "caught": "aware violations", "catch": "aware violations", "tell": "inform report notify",
    "report": "report inform", "photos": "pictures", "photo": "pictures", "pics": "pictures",
    "projects": "student work", "post": "publish posted",
    "put up": "publish posted", "share": "sharing distributing",
    # copyright
    "photocopy": _COPY, "photocopies": _COPY, "copy": _COPY, "copies": _COPY, "scan": _COPY,
    "pdf": _COPY + " materials",     "music": "music sound files", "movie": "movies", "movies": "movies", "netflix": "movies video",
    "textbook": "materials copyrighted", "workbook": "materials copyrighted", "book": "materials",
    "picture": "images graphics", "pictures": "images pictures", "image": "images graphics",
    "clip art": "graphics", "found on google": "graphics copyrighted material", "meme": "images",
    # selling, fundraising, politics
    "sell": _SELL, "selling": _SELL, "etsy": _SELL, "ebay": _SELL,     "side business": _SELL, "side hustle": _SELL, "shop": _SELL, "listings": "commercial",
    "advertise": "advertising commercial solicitation",
    "ad": "advertising", "ads": "advertising commercial", "promote": "advertising advocate",
    "shopping": "purchasing items personal use", "amazon": "purchasing items personal use",
    "buy": "purchasing items", "buying": "purchasing items", "order": "purchasing",
    "charity": _FUNDRAISE, "fundraiser": _FUNDRAISE,
    "donate": _FUNDRAISE, "gofundme": _FUNDRAISE, "girl scout": _FUNDRAISE,
    "vote": "political activity candidates ballot", "election": "political activity candidates",
    "campaign": "political activity candidates", "candidate": "candidates political",
    "politics": "political activity", "council": "political", "union": "",
    "vendor": "outside parties", "company": "outside parties", "salesman": "outside parties",
    "newspaper": "personal views", "reporter": "personal views", "press": "personal views",
    "speaking for": "represents personal views", "on behalf": "represents personal views",
    "opinion": "personal views", "opinions": "personal views",
    # conduct
    "mean": _HARASS, "rude": "network etiquette professional conduct",
    "threaten": _HARASS, "bully": _HARASS, "bullying": _HARASS, "harass": _HARASS,
    "creepy": _HARASS + " improper", "inappropriate": "inappropriate improper",
    "porn": "pornographic obscene sexually explicit", "nsfw": "obscene sexually explicit",
    "adult": "sexually explicit", "nude": "sexually explicit", "dirty": "obscene",
    "swear": "profanity", "cursing": "profanity", "personal stuff": "personal use",
    "personal": "personal", "family": "personal communications", "spouse": "personal communications",
    "husband": "personal communications", "wife": "personal communications",
        "break": "personal", "lunch": "personal",
    "grades": "student data",
    "student records": "student data confidential", "address": "personal information address",
    "cell number": "personal information phone number", "home address": "personal information address",
    "phone number": "personal information phone number",
    # consequences and paperwork
    "fired": _FIRED, "fire me": _FIRED, "lose my job": _FIRED, "let go": _FIRED,
    "in trouble": _FIRED, "punished": _FIRED, "consequences": _FIRED,     "lose": "suspension revocation", "trouble": "disciplinary",
    "pay": "responsible costs damages", "pays": "responsible costs charges", "charges": "charges costs",
    "bill": "charges costs", "damage": "damage losses costs",
    "illegal": "illegal law enforcement", "sign": "acknowledgment form", "signed": "acknowledgment form",
    "form": "acknowledgment form", "agreement": "acknowledgment", "paperwork": "form",
    # people
    "it": "system administrator technology", "tech": "technology", "tech guy": "system administrator",
    "helpdesk": "technology", "boss": "supervisor", "principal": "principal supervisor administrator",
    "administrator": "administrator", "admin": "administrator", "supervisor": "supervisor",
    "unsure": "questions guidance", "not sure": "questions guidance", "ask": "questions guidance",
    "who do i": "report guidance", "coworker": "co-workers employee", "colleague": "co-workers employee",
    "colleagues": "co-workers employees", "coworkers": "co-workers employees",
}

# Work matters the acceptable use policies never cover, which belong with Human
# Resources rather than technology staff: pay, leave and benefits.
HR_WORDS = frozenset(
    """
    pay paycheck paychecks payroll paid salary salaries wage wages stipend direct deposit overtime
    benefit benefits insurance health dental vision enrollment leave leaves sick vacation maternity
    paternity fmla bereavement retirement retire pension 403b 403 401k w-2 w2 tax taxes reimbursement
    reimbursed mileage workers comp compensation contract raise promotion hiring resign resignation
    personnel evaluation tenure certificate certification license licensure
    """.split()
)


def _compile(table: dict[str, str]) -> dict[tuple[str, ...], list[str]]:
    return {tuple(words(k)): words(v) for k, v in table.items() if words(k)}


_PHRASES = _compile(SYNONYMS)
_LONGEST = max(len(k) for k in _PHRASES)


def expand(text: str) -> list[str]:
    """The policy words that the staff words and phrases in `text` stand for
    (longest phrase first; the text's own words are not repeated here)."""
    tokens = words(text)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(_LONGEST, len(tokens) - i), 0, -1):
            key = tuple(tokens[i : i + size])
            if key in _PHRASES:
                out.extend(_PHRASES[key])
                # Phrases may overlap single words ("thumb drive", "drive"); only
                # the longest match at a position counts.
                break
        i += 1
    return out


def is_hr_matter(text: str) -> bool:
    """True when the question is about pay, leave, benefits or similar HR matters."""
    tokens = words(text)
    joined = " ".join(tokens)
    return any(t in HR_WORDS for t in tokens) or "direct deposit" in joined or "workers comp" in joined
