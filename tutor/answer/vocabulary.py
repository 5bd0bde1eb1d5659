"""Domain vocabulary: the words staff use, mapped to the words the policies use.

Staff ask about "Dropbox", "TikTok" or "a thumb drive"; the policies speak of
"software or applications", "social networking sites" and "equipment". Each
entry maps a staff word or phrase (lower case, matched on whole words) to the
policy wording it stands for. Entries are written from what the policies
cover, not from particular test questions, so that new phrasings keep working.
"""

from __future__ import annotations

import re

from tutor.answer.terms import stem, words

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

SYNONYMS: dict[str, str] = {
    # software and apps
    "app": _APP, "apps": _APP, "program": _APP, "programs": _APP, "extension": _APP,
    "extensions": _APP, "plugin": _APP, "dropbox": _APP + " storage", "google drive": "files storage",
    "onedrive": "files storage", "spotify": _APP + " audio files", "itunes": _APP + " audio files",
    "tiktok": _APP + " " + _SOCIAL, "zoom app": _APP, "steam": _APP + " games", "game": "games",
    "solitaire": "games", "minecraft": "games", "fortnite": "games", "chess": "games",
    "install": "install download loading software", "installing": "install download loading software",
    "put on": "install", "set up": "install", "setup": "install", "add": "install", "load": "loading",
    "run": "loading", "shareware": _APP, "freeware": _APP, "license": "licensure site licensing",
    # devices and storage
    "thumb drive": _STORAGE + " software", "flash drive": _STORAGE + " software",
    "usb": _STORAGE + " software", "memory stick": _STORAGE + " software",
    "external drive": _STORAGE, "hard drive": "hard drives", "plug": "attaching connection",
    "plug in": "attaching connection", "hook up": "connection", "hook it up": "connection",
    "hook": "connection", "connect": "connection",
    "own laptop": "personal laptops", "my laptop": "laptop", "personal laptop": "personal laptops",
    "byod": "personal electronic device", "chromebook": "computer laptop",
    "ipad": "computer tablet device", "tablet": "computer device", "pc": "computer",
    "desktop": "computer", "phone": "telephone device", "cell": "telephone", "cellphone": "telephone",
    "smartphone": "smartphones", "wifi": "network wireless", "wi-fi": "network wireless",
    "printer": "equipment", "broke": "damage misuse", "spilled": "damage",
    "break": "damage misuse violate violations", "breaking": "damage misuse violate violations",
    "mess with": "misuse damage", "messing with": "misuse damage", "rules": "rules violations",
    # social media and accounts
    "facebook": _SOCIAL + " facebook", "instagram": _SOCIAL + " " + _PERSONAL_ACCOUNT,
    "twitter": _SOCIAL + " twitter", "snapchat": _SOCIAL, "linkedin": _SOCIAL + " linkedin",
    "tweet": _SOCIAL + " twitter", "tweets": _SOCIAL + " twitter", "tweeted": _SOCIAL + " twitter",
    "tweeting": _SOCIAL + " twitter",
    "youtube": "youtube video files", "reddit": _SOCIAL,
    "dm": "communications message", "dms": "communications messages", "message": "communications",
    "messages": "communications", "text": "texting communications", "texting": "texting communications",
    "friend request": "invitation join group", "invite": "invitation join group",
    "private group": "group personal online account",
    "gmail": "personal e-mail communications", "yahoo": "personal e-mail communications",
    "hotmail": "personal e-mail communications", "personal email": "personal e-mail communications",
    "email": "e-mail", "emails": "e-mail", "mail": "e-mail", "inbox": "e-mail", "mailbox": "e-mail",
    "footer": "signature confidentiality statement", "sign off": "signature",
    "disclaimer": "confidentiality statement", "sign up": "subscribing", "subscribe": "subscribing",
    "chain email": "chain letters mass e-mails", "chain letter": "chain letters",
    "everybody": "mass e-mails", "all staff": "mass e-mails", "whole district": "mass e-mails",
    "everyone in the district": "mass e-mails", "reply all": "mass e-mails",
    "spam": "spamming junk mail", "attachment": "attachments", "link": "attachments",
    "phishing": "attachments unknown sources viruses", "don't recognize": "unknown sources",
    "don't know": "unknown", "recognise": "unknown sources", "recognize": "unknown sources",
    "stranger": "unknown sources", "virus": "viruses", "malware": "viruses",
    "zoom": "remote teaching digital teaching platform electronic communications",
    "google meet": "remote teaching digital teaching platform",
    "teams": "remote teaching digital teaching platform", "online class": "remote teaching",
    "virtual": "remote teaching", "remote": "remote teaching", "teaching online": "remote teaching",
    # privacy and monitoring
    "see": _SEE, "watch": "monitor supervise", "watching": "monitor supervise", "track": _SEE, "tracking": _SEE, "spy": _SEE,
    "snoop": _SEE, "keeping tabs": _SEE, "keep tabs": _SEE, "read": "access review",
    "look at": _SEE, "looking at": "access accessing", "check up": _SEE, "private": "privacy", "secret": "privacy",
    "confidential": "confidentiality", "history": "internet activity", "browse": "internet activity",
    "browsing": "internet activity", "surf": "internet", "websites": "web sites",
    "website": "web site", "webpage": "web page", "site": "sites", "delete": "delete erase",
    "deleted": "delete erase", "erase": "erase delete", "wipe": "delete erase conceal",
    "clear": "delete erase purged", "cleared out": "delete erase purged", "cover up": "conceal", "hide": "conceal", "gone": "delete forensically retrieved", "for good": "forensically retrieved",
    "permanently": "forensically retrieved", "recover": "retrieved", "undelete": "retrieved",
    "saved": "stored files", "save": "stored", "files": "files stored",
    "camera": "video surveillance", "cameras": "video surveillance",
    "recording": "video recording surveillance", "record": "recording",
    "listen": "monitoring telephone", "calls": "telephone", "bathroom": "restrooms",
    "locker room": "locker rooms", "foia": "public records freedom of information",
    "public records": "public records disclosure", "records request": "public records disclosure",
    "why": "reasons", "bother": "reasons",
    # passwords and accounts
    "login": "password account", "log in": "password account authenticate",
    "logins": "password account", "username": "user name password", "credentials": "password account",
    "sign in": "password account", "write down": "write down password",
    "remember": "remember password feature", "chrome": "browsers", "firefox": "browsers",
    "safari": "browsers", "browser": "browsers", "keychain": "remember password",
    "lock": "lock screen log off", "step away": "leaving computer", "step out": "leaving computer",
    "walk away": "leaving computer", "leave my desk": "leaving computer", "logged in": "log off",
    "sub": "another user", "substitute": "another user", "teammate": "another user",
    "colleague's": "another user account", "coworker's": "another user account",
    "someone else's": "another user account", "borrow": "another user", "locked out": "access",
    "shut off": "access denied revoked", "suspended": "access denied revoked",
    "cut off": "access denied revoked", "blocked": "filter access denied",
    "password": "password passwords", "my fault": "responsible", "on me": "responsible",
    "blame": "responsible", "liable": "responsible liable",
    # filtering and students
    "vpn": _BYPASS + " proxies", "proxy": _BYPASS + " proxies", "get around": _BYPASS,
    "around": "bypass", "unblock": _BYPASS, "turn off": "disengage disable", "switch off": "disengage",
    "disable": "disengage", "filter": "filter filtering", "web filter": "internet filter filtering software",
    "blocker": "filter", "kid": "students", "kids": "students", "child": "students",
    "children": "students", "student": "students", "class": "students", "pupils": "students", "lesson": "instruction", "teach": "instruction",
    "bad": "inappropriate objectionable", "sketchy": "inappropriate misuse improper",
    "shady": "inappropriate misuse improper", "weird": "inappropriate misuse improper", "caught": "aware violations", "catch": "aware violations",
    "tell": "inform report notify", "report": "report inform", "photos": "pictures photographs",
    "photo": "pictures photographs", "pics": "pictures", "projects": "student work", "post": "publish posted",
    "put up": "publish posted", "share": "sharing distributing",
    # copyright
    "photocopy": _COPY, "photocopies": _COPY, "copy": _COPY, "copies": _COPY, "scan": _COPY,
    "pdf": _COPY + " materials", "music": "music sound files", "movie": "movies", "movies": "movies",
    "netflix": "movies video", "textbook": "materials copyrighted", "workbook": "materials copyrighted",
    "book": "materials", "picture": "images graphics", "pictures": "images pictures",
    "image": "images graphics", "clip art": "graphics", "found on google": "graphics copyrighted material",
    "meme": "images",
    # selling, fundraising, politics
    "sell": _SELL, "selling": _SELL, "etsy": _SELL, "ebay": _SELL, "side business": _SELL,
    "side hustle": _SELL, "shop": _SELL, "listings": "commercial",
    "advertise": "advertising commercial solicitation", "ad": "advertising",
    "ads": "advertising commercial", "promote": "advertising advocate",
    "shopping": "purchasing items personal use", "amazon": "purchasing items personal use",
    "buy": "purchasing items", "buying": "purchasing items", "order": "purchasing",
    "charity": _FUNDRAISE, "fundraiser": _FUNDRAISE, "donate": _FUNDRAISE, "gofundme": _FUNDRAISE,
    "girl scout": _FUNDRAISE, "vote": "political activity candidates ballot",
    "election": "political activity candidates", "campaign": "political activity candidates",
    "candidate": "candidates political", "petition": "advocate solicit support political activity",
    "go into": "access", "get into": "access", "went into": "access", "politics": "political activity", "council": "political",
    "vendor": "outside parties", "company": "outside parties", "salesman": "outside parties",
    "newspaper": "personal views", "reporter": "personal views", "press": "personal views",
    "speaking for": "represents personal views", "on behalf": "represents personal views",
    "opinion": "personal views", "opinions": "personal views",
    # conduct
    "rude": "network etiquette professional conduct", "threaten": _HARASS, "bully": _HARASS,
    "bullying": _HARASS, "harass": _HARASS, "creepy": _HARASS + " improper",
    "inappropriate": "inappropriate improper", "porn": "pornographic obscene sexually explicit",
    "nsfw": "obscene sexually explicit", "adult": "sexually explicit", "nude": "sexually explicit",
    "dirty": "obscene", "swear": "profanity", "swore": "profanity", "cussing": "profanity", "cursing": "profanity",
    "personal stuff": "personal use incidental",
    "how much": "limited occasional reasonable incidental",
    "family": "personal communications", "spouse": "personal communications",
    "husband": "personal communications", "wife": "personal communications",
    "on my break": "personal", "lunch": "personal", "my break": "personal use occasional",
    "lunch break": "personal use occasional", "coffee break": "personal use occasional",
    "grades": "student data", "student records": "student data confidential",
    "address": "personal information address", "cell number": "personal information phone number",
    "home address": "personal information address", "phone number": "personal information phone number",
    # consequences and paperwork
    "fired": _FIRED, "fire me": _FIRED, "lose my job": _FIRED, "let go": _FIRED,
    "in trouble": _FIRED, "punished": _FIRED, "consequences": _FIRED,
    "lose": "suspension revocation", "trouble": "disciplinary",
    "pay": "responsible costs damages", "stolen": "losses theft damage", "stole": "losses theft",
    "theft": "theft losses", "lost": "losses", "pay for": "responsible costs damages losses", "pays": "responsible costs charges", "charges": "charges costs",
    "bill": "charges costs", "damage": "damage losses costs", "illegal": "illegal law enforcement",
    "sign": "acknowledgment form", "signed": "acknowledgment form", "form": "acknowledgment form",
    "agreement": "acknowledgment", "user agreement": "acknowledgment", "paperwork": "form",
    # people
    "tech": "technology", "tech guy": "system administrator", "helpdesk": "technology",
    "boss": "supervisor", "principal": "principal supervisor administrator", "admin": "administrator",
    "unsure": "questions guidance", "not sure": "questions guidance", "ask": "questions guidance",
    "who do i": "report guidance", "what should i do": "report inform", "what do i do": "report inform",
    "supposed to do": "report inform", "supposed to tell": "report inform", "say something": "report", "speak up": "report",
    "who do i tell": "report inform",
    "demand": "require request", "make me": "require", "force": "require", "in front of": "presence",
    "give": "share provide", "hand over": "provide disclose", "give out": "provide",
    "sending me": "receives", "sent me": "receives", "getting": "receives", "saw": "aware", "noticed": "aware", "found out": "aware", "coworker": "co-workers employee", "colleague": "co-workers employee",
    "colleagues": "co-workers employees", "coworkers": "co-workers employees",
    # general additions: common apps, devices, slang and legal words
    "google docs": "files", "slack": _APP + " communications", "whatsapp": _APP + " communications",
    "discord": _APP + " " + _SOCIAL, "messenger": "communications", "pinterest": _SOCIAL,
    "twitch": "video " + _SOCIAL, "hulu": "movies video", "torrent": _COPY + " downloading",
    "bittorrent": _COPY + " downloading", "napster": _COPY, "mp3": "music sound files",
    "mp3s": "music sound files", "song": "music sound files", "songs": "music sound files",
    "album": "music", "rip": _COPY + " downloading", "bootleg": _COPY, "pirate": _COPY + " illegal",
    "pirated": _COPY + " illegal", "pirating": _COPY + " illegal", "cracked": _COPY + " illegal software",
    "keygen": _COPY + " illegal software", "fair use": "fair use copyright", "plagiarize": _COPY,
    "microsoft office": "software", "office 365": "software", "adobe": "software",
    "photoshop": "software", "antivirus": "viruses software", "update": "software",
    "router": _STORAGE + " network", "hotspot": _STORAGE + " network", "modem": _STORAGE + " network",
    "access point": _STORAGE + " network", "webcam": "equipment device", "headphones": "equipment",
    "hacked": "breach security", "hack": "hacking breach security", "hacker": "hacking breach security",
    "compromised": "breach security", "broke into": "breach security", "got into": "breach security",
    "scam": "attachments unknown sources", "password manager": "passwords encryption",
    "cops": "law enforcement", "police": "law enforcement", "fbi": "law enforcement",
    "arrested": "law enforcement criminal prosecution", "jail": "criminal prosecution",
    "sue": "legal action", "lawsuit": "legal action", "lawyer": "legal",
    "nasty": _HARASS, "insult": _HARASS, "yell": _HARASS, "curse": "profanity",
    "racist": "discriminatory harassment", "sexist": "discriminatory harassment",
    "joke": "jokes", "jokes": "jokes remarks",
    "written up": _FIRED, "suspended without pay": _FIRED, "terminated": "termination",
    "punishment": _FIRED, "penalty": _FIRED, "consequence": _FIRED,
    "snooping": _SEE, "spying": _SEE, "keylogger": "monitoring", "screenshots": "monitoring",
    "facebook group": "group", "follow": "invitation", "friend": "invitation",
    "volunteer": "outside parties", "pta": "organizations",
    "online banking": "personal use", "banking": "personal use", "errands": "personal use",
    "facetime": "personal communications", "side job": _SELL, "crypto": "personal gain",
    "bitcoin": "personal gain", "drugs": "drug manufacturing endanger others",
    "weapon": "bomb construction endanger others", "weapons": "bomb construction endanger others",
    "incognito": "conceal internet activity", "private browsing": "conceal internet activity",
    "cookies": "internet activity", "spying on me": _SEE, "checking up on me": _SEE,
    "passcode": "password", "pin": "password", "two factor": "security", "2fa": "security",
    "sticky note": "write down password secure location", "post it": "write down password secure location",
    "goguardian": "filter filtering monitoring", "securly": "filter filtering monitoring",
    "lightspeed": "filter filtering monitoring", "unblocked": _BYPASS,
    "worksheets": "materials copyrighted", "worksheet": "materials copyrighted", "clipart": "graphics",
    "screenshot": "images copying", "teacherspayteachers": _SELL + " " + _COPY,
    "signature line": "signature", "email signature": "signature confidentiality statement",
    "newsletter": "listservs subscribing", "mailing list": "listservs subscribing",
    "listserv": "listservs", "suspicious": "unknown sources viruses", "whistleblow": "report",
    "reprimand": _FIRED, "reprimanded": _FIRED, "hr": "human resources",
    "tech department": "technology", "technology department": "technology",
    "network admin": "system administrator", "sysadmin": "system administrator",
    # who answers for it: the district taking (or not taking) responsibility
    "cover me": "assumes no responsibility liability", "have my back": "assumes no responsibility liability",
    "back me up": "assumes no responsibility liability", "on the hook": "responsible liable",
    # earning money on the side: private financial gain
    "for cash": _SELL, "for money": _SELL, "make money": _SELL, "making money": _SELL, "earn": _SELL,
    "extra money": _SELL, "get paid": _SELL, "paid gig": _SELL, "his business": _SELL, "her business": _SELL,
    "my business": _SELL, "family business": _SELL, "small business": _SELL, "customers": _SELL,
    "clients": _SELL, "tutor privately": _SELL, "private tutoring": _SELL,
    # speaking out: personal views, which must not pass as the district's
    "trash": "personal views", "trashing": "personal views", "bash": "personal views",
    "bashing": "personal views", "criticize": "personal views", "criticizing": "personal views",
    "complain about": "personal views", "rant": "personal views", "vent": "personal views",
    # short names for social media
    "insta": _SOCIAL + " " + _PERSONAL_ACCOUNT, "ig": _SOCIAL + " " + _PERSONAL_ACCOUNT,
    "fb": _SOCIAL + " facebook", "handle": _PERSONAL_ACCOUNT,
    # someone else's images taken from the web
    "google images": "images graphics copyrighted material", "found online": "copyrighted material",
    "off the internet": "copyrighted material", "from the internet": "copyrighted material",
    # keeping a password where others can find it
    "tape": "write down password secure location", "taped": "write down password secure location",
    "under my keyboard": "write down password secure location", "on my monitor": "write down password secure location",
}

# A taxonomy of the things staff name, by kind: each policy concept with the everyday
# words, brands and roles that stand for it. Written per kind from what schools use
# and the policies govern, so a word never seen in tuning still lands on its concept.
# Entries pool with SYNONYMS above where both list a word.
TAXONOMY: dict[str, str] = {
    # people: who is asking, about whom
    "supervisor administrator": """boss principal ap vice-principal assistant-principal dept-head department-head
        department-chair team-leader grade-level-lead director coordinator manager superintendent""",
    "co-workers employee": """para paras paraprofessional paraprofessionals aide aides secretary secretaries
        receptionist clerk bookkeeper custodian janitor nurse counselor psychologist librarian media-specialist
        interventionist specialist co-teacher coteacher student-teacher intern""",
    "outside parties": """coach coaches tutor vendor vendors salesperson rep outsider outsiders stranger strangers
        sponsor sponsors contractor contractors recruiter""",
    "students minors": """graders kindergartners kinders preschoolers freshmen sophomores juniors seniors teens
        teenagers tweens youngsters scholars learners mentee mentees""",
    "system administrator technology": """tech-support help-desk tech-coordinator technology-coordinator it-department network-administrator computer-teacher""",
    # apps, services and brands: software and applications
    _APP: """grammarly canva kahoot quizlet nearpod padlet flipgrid seesaw classdojo duolingo prodigy
        blooket gimkit edpuzzle brainpop ixl newsela peardeck tinkercad scratch roblox chatgpt ai
        skype vlc audacity garageband imovie acrobat zoom-app screencastify loom
        free-version free-trial trial plug-in add-on addon browser-extension""",
    "personal online account social networking sites": """follow following follower followers friend-request dm'd profile""",
    "internet activity web sites": """google googled googling search searches searching look-up bing surf surfing
        scroll scrolling browse browsing online stream streaming websites""",
    "student data confidential personally identifiable information": """roster rosters class-list gradebook
        report-card report-cards transcript transcripts attendance iep ieps 504 diagnosis medical health-info
        test-scores reading-levels discipline-record behavior-notes student-info powerschool infinite-campus
        student-information-system sis""",
    # personal errands: the occasional personal use the policies allow
    "personal use occasional personal communications": """banking bank bills flights flight travel hotel
        landlord doctor dentist appointment pediatrician vet mechanic recipes weather news sports
        fantasy-football birthday wedding dating daycare babysitter""",
    # family: whom staff send personal notes to (the "occasional personal communications")
    "personal communications family": """sister brother mom dad mother father son daughter relative relatives
        grandma grandmother grandpa aunt uncle cousin niece nephew boyfriend girlfriend fiance partner in-laws""",
    # money: charges, subscriptions, who pays
    "unauthorized charges costs subscriptions credit card": """membership memberships subscription subscriptions
        fee fees charge charged charges credit-card billed in-app-purchase renewal auto-renew premium paid-plan""",
    "responsible liable": "on-the-hook who-pays accountable my-problem",
    # conduct
    _HARASS + " discriminatory": """making-fun-of make-fun-of mock mocking mocked tease teasing ridicule slur slurs
        offensive demeaning belittle belittling hostile hateful bigoted homophobic stalking stalk intimidate
        threats threatened harassed harassing""",
    "obscene pornographic sexually explicit sexually suggestive": """racy risque suggestive raunchy spicy x-rated
        explicit sexual sexy naked nudes nudity lewd""",
    "unauthorized access": """poke-around poking-around snoop-around dig-through digging-through go-through
        going-through peek peeking other-people's break-in""",
    "breach security report": "clicked clicking fake-link compromised hijacked",
    "reasons why": "point purpose how-come what-for reason",
    "property": "owns owner ownership belongs-to",
    "publish posted": "put-online share-online upload uploading post-online",
    "prohibited violations": "against-the-rules no-no big-deal not-allowed",
    "monitor monitoring": "notified alerted flagged logs logged keystrokes",
    "mass e-mails": "staff-list distribution-list blast e-blast",
    # things staff sell or raise money for: what "private financial gain", "commercial" and
    # "raise funds for non-school purposes" look like in a school
    _SELL: """garage-sale yard-sale avon tupperware scentsy pampered-chef mary-kay jewelry candles real-estate
        insurance-policy side-gig catalog catalogue for-sale resell reselling""",
    _FUNDRAISE: """bake-sale raffle walkathon car-wash donations donation pledge pledges sponsor-me fun-run
        go-fund-me booster cookie-sale""",
    # something not working: a problem to report
    "problems report": """crashing crashes crashed freezing freezes frozen glitch glitchy not-working
        stopped-working won't-turn-on broken-laptop outage""",
}

# Situations: who acts, on what, doing what. A question naming something from each group
# is about the policy idea on the right, whatever the words around it: a teacher
# messaging students on Instagram is about communication with students, not about
# personal accounts; a parent asking for the kids' names is about confidentiality.
# Written from what each policy section is for.
_STUDENTS = """student students student's kid kids kid's child children class pupils minor minors graders
    kiddos teen teens"""
_CONTACT = """dm dms message messages messaging text texts texting chat chatting snapchat instagram tiktok
    friend follow follower add facebook whatsapp discord group"""
_WATCH = "watch watching supervise supervising responsible monitor monitoring eye looking look"
_RECORDS = """grades grade scores score records names roster iep ieps diagnosis medical address addresses
    report-card transcript"""
_OUTSIDE = "parent parents friend gmail personal home outside tutor family reporter newspaper post"
_SEND = "send sending email emailing text texting share sharing give post forward tell"
_HIDE = "delete deleting deleted clear clearing erase wipe history incognito private"
_SEEN = "see seen still find track read know monitor"
_CAUGHT = "caught happens happen trouble fired punished consequences violate violating"
_PERSONAL_LIFE = """husband wife spouse partner boyfriend girlfriend fiance sister brother mom dad mother father
    son daughter relative relatives grandma grandmother grandpa aunt uncle cousin babysitter daycare landlord
    doctor dentist vet mechanic bank banking bills flights vacation hotel recipe recipes weather"""
_REACH = """email emailing emailed send sending text texting texted call calling message messaging chat check
    checking book booking pay paying look browse browsing"""
_WATCHERS = "district school they admin administration boss principal supervisor board agency tech"
_WATCHED = """see seeing notified notice know track tracking monitor monitored read reading watch watching
    spy check checking log logged record recorded access open opened search searched"""
# Someone else's work (a textbook chapter, a film, a song) shared, posted or copied: copyright,
# whatever the place it goes (a web site, a class page, an e-mail).
_WORKS = """textbook textbooks chapter chapters book books novel novels article articles worksheet worksheets
    workbook workbooks movie movies film films dvd dvds song songs music album albums podcast cartoon cartoons
    comic comics magazine magazines"""
_SHARE_OUT = """upload uploading post posting share sharing copy copies copying scan scanning photocopy put send
    distribute show showing stream streaming burn rip download downloading"""
SITUATIONS: list[tuple[str, str, str]] = [
    (_WORKS, _SHARE_OUT, "copyright copyrighted material permission owner"),
    (_STUDENTS, _CONTACT, "inappropriate communications students minors electronic communications"),
    (_STUDENTS, _WATCH, "supervise duty of care monitor student use enforce"),
    (_RECORDS, _OUTSIDE, "confidentiality personally identifiable information confidential student data"),
    (_RECORDS, _SEND, "confidentiality personally identifiable information confidential"),
    (_HIDE, _SEEN, "monitor expectation of privacy conceal information delete erase"),
    (_CAUGHT, "i me my", "disciplinary action termination discharge"),
    (_WATCHERS, _WATCHED, "monitor monitoring expectation of privacy"),
    (_PERSONAL_LIFE, _REACH, "reasonable incidental personal use occasional personal communications"),
]

# Phrases that carry no meaning for the policies though their words do ("see" is monitoring,
# "know" is awareness): taken out of a question before it is read.
IDIOMS = re.compile(r"\b(?:(?:to )?see (?:if|whether|what happens)|let (?:me|us|you) know|you know|i mean|"
                    r"just wondering|i was wondering|i wonder"
                    # No students about is when something happens, not supervising them: "is porn ok if no
                    # kids are around?"
                    r"|(?:if|when|while|since|with|as long as|and) (?:there (?:are|is|'s) |theres )?(?:no|none of the) "
                    r"(?:kids|students|children|pupils|one|body|anyone)(?: (?:are|is|'s))? (?:around|here|there|present|"
                    r"in the room|in the building|in the lab|watching)"
                    r"|(?:after|once|when) (?:the |my )?(?:kids|students|children) (?:leave|left|have left|go home|"
                    r"are gone|have gone home|aren't around|are not around|arent around)"
                    r")\b", re.I)

# Matched on the question as typed: "IT" the department, never "it" the pronoun.
CASE_SENSITIVE: dict[str, str] = {"IT": "system administrator"}

# Everyday school and workplace words. They are rare in the policies ("teacher"
# appears in a handful of sections) yet say nothing about computer use, so a
# question full of them ("swap lunch duty with another teacher") must not look
# on-topic. They still count, at a fraction of their weight.
GENERIC_WORDS = frozenset(
    """
    teacher teachers teaching staff employee employees colleague colleagues coworker coworkers people person
    day days week weeks month months year years today tomorrow morning afternoon evening night time times
    weekend friday fridays monday tuesday wednesday thursday summer winter spring fall semester quarter
    class classes classroom room rooms school schools district building office desk job work working duty
    duties lunch meeting meetings parent parents family kid kids child children student students grade
    home new old next last first big small good right wrong policy policies rule rules question questions
    another whole every else thing part way ok
    """.split()
)

# What the policies are about: technology and the communication, information and
# conduct that runs through it. A question with none of these words ("How many field
# trips can my grade take?") is about something else, however many of its words
# happen to occur in a policy ("take", "year"), so the answerer abstains. The list
# is a taxonomy of staff words by kind (devices, software and services, networks,
# messages, accounts, files and records, monitoring, copying and publishing, the
# policy itself), written from what the policies govern, not from test questions.
TOPIC_WORDS = frozenset(
    """
    computer computers laptop laptops chromebook chromebooks ipad ipads tablet tablets desktop desktops pc pcs
    mac macbook device devices phone phones cellphone cellphones cell smartphone smartphones iphone android
    printer printers scanner copier projector smartboard webcam camera cameras microphone mic headphones
    keyboard screen screens usb thumb flash drive drives hardware equipment gadget kindle
    router hotspot modem wifi wireless network networks networking internet online offline web website
    websites webpage webpages site sites page pages browser browsers chrome firefox safari incognito
    vpn proxy filter filters filtering firewall blocked block blocking unblock unblocked goguardian securly
    lightspeed app apps application applications software program programs extension extensions plugin
    download downloads downloading downloaded install installing installed upload uploading uploaded
    stream streaming game games gaming freeware shareware license licensed
    email emails emailed emailing mail mailbox inbox gmail outlook yahoo hotmail attachment attachments
    link links spam junk phishing scam virus viruses malware hack hacked hacker hacking breach
    password passwords passcode pin login logins logged logging logon username account accounts credentials
    authenticate 2fa message messages messaged messaging text texts texted texting dm dms chat chats
    zoom google facebook instagram tiktok snapchat twitter tweet reddit youtube linkedin
    pinterest discord whatsapp slack social media post posts posted posting publish published blog blogs
    podcast vlog video videos photo photos picture pictures image images meme memes clipart selfie
    copyright copyrighted photocopy photocopies photocopying copy copies copying scan scanned scanning pdf
    torrent pirate pirated pirating plagiarize file files folder folders docs document documents data
    database spreadsheet gradebook powerschool records recording recordings record recorded
    monitor monitored monitoring surveillance tracking spy spying snoop snooping privacy
    cyberbullying technology tech it electronic digital computing cloud dropbox onedrive icloud
    signature listserv listservs newsletter forward forwarded forwarding reply subscribe subscription
    unsubscribe aup acceptable acknowledgment acknowledgement acknowledge remote remotely virtual virtually
    incidental browse browsing browsed system systems log chatgpt chatbot gemini copilot research
    replyall amazon ebay netflix hulu spotify pandora chain search
    """.split()
)

# Work matters the acceptable use policies never cover, which belong with Human
# Resources rather than technology staff: pay, leave and benefits.
HR_WORDS = frozenset(
    """
    pay paycheck paychecks payroll paid salary salaries wage wages stipend deposit overtime
    benefit benefits insurance health dental enrollment leave leaves sick vacation maternity
    paternity fmla bereavement retirement retire pension 403b 403 401k w-2 w2 tax taxes reimbursement
    reimbursed mileage comp contract promotion hiring resign resignation tenure evaluation evaluations
    """.split()
)

# The unambiguous ones are evidence against an answer: the policies use none of them
# in this sense, so a passage matching them ("leaving the computer" for "maternity
# leave") is a coincidence. "pay" and "leave" are left out: "make me pay for damage"
# and "leave my computer unlocked" are policy questions.
# Phrases that make "leave" the HR kind: "out on medical leave" is no "leaving the computer".
OFF_TOPIC_PHRASES = frozenset({"medical leave", "sick leave", "on leave", "family leave", "maternity leave",
                               "paternity leave", "personal leave", "leave of absence",
                               # School matters whose words only look like the policies' ("game" is
                               # no computer game, "account" no login, "program" no software):
                               # sports and events, cafeteria money, paper forms, school programmes.
                               *(f"{sport} {game}" for sport in ("basketball", "football", "soccer", "baseball",
                                                                 "softball", "volleyball", "hockey", "lacrosse",
                                                                 "away", "home", "playoff", "varsity", "jv")
                                 for game in ("game", "games")),
                               "lunch account", "meal account", "cafeteria account", "lunch balance",
                               "lunch money", "permission slip", "permission slips",
                               *(f"{kind} program" for kind in ("reading", "after school", "afterschool",
                                                                "summer", "lunch", "breakfast", "tutoring",
                                                                "mentoring", "volunteer", "sports", "music",
                                                                "dog", "pet", "therapy dog"))})
for _phrase in OFF_TOPIC_PHRASES:
    SYNONYMS.setdefault(_phrase, "")

# Off-topic words that make a question another matter whatever it names: driving is no computer use,
# whether or not a phone is used at the wheel ("can I take calls on my cell while driving the bus?").
ELSEWHERE_WORDS = frozenset("driving handsfree van vans vehicle vehicles".split())
OFF_TOPIC_WORDS = frozenset(
    """
    paycheck paychecks payroll salary salaries wage wages stipend deposit overtime benefits insurance
    dental enrollment sick vacation maternity paternity fmla bereavement retirement pension 403b 401k
    w2 reimbursement reimbursed mileage tenure resignation evaluation evaluations
    dog dogs cat cats pet pets animal animals hamster hamsters
    abuse abused neglect neglected dcf suicidal hurt hurting injured injury bruise bruises
    """.split()
) | ELSEWHERE_WORDS


def _entries():
    yield from SYNONYMS.items()
    for meaning, staff in TAXONOMY.items():
        for word in staff.split():
            # Hyphens join the words of one phrase: "dept-head" is matched as "dept head".
            yield word.replace("-", " "), meaning


def _compile(entries) -> dict[tuple[str, ...], list[str]]:
    # Keys are matched on stems so "deleted", "deleting" and "delete" share an entry;
    # entries that meet that way pool their meanings.
    out: dict[tuple[str, ...], list[str]] = {}
    for key, meaning in entries:
        if not words(key):
            continue
        merged = out.setdefault(tuple(stem(w) for w in words(key)), [])
        merged.extend(w for w in words(meaning) if w not in merged)
    return out


_PHRASES = _compile(_entries())
_LONGEST = max(len(k) for k in _PHRASES)


def known_phrase_words() -> frozenset[str]:
    """Stems of the one-word entries of the vocabulary: words it can expand."""
    return frozenset(key[0] for key in _PHRASES if len(key) == 1)


def concepts(text: str, correct=None) -> list[tuple[list[str], list[str]]]:
    """Group the words of `text` into concepts: (the staff's words, the policy words they
    stand for). A known phrase ("thumb drive") is one concept; any other word is its own
    concept with no policy words. The longest phrase wins at each position. `correct`,
    if given, maps each typed word to the word meant (a misspelling to its spelling)."""
    tokens = words(text)
    if correct is not None:
        tokens = [correct(t) for t in tokens]
    stems = [stem(t) for t in tokens]
    out: list[tuple[list[str], list[str]]] = []
    for word, meaning in CASE_SENSITIVE.items():
        if re.search(rf"\b{word}\b", text):
            out.append(([], words(meaning)))
    i = 0
    while i < len(tokens):
        for size in range(min(_LONGEST, len(tokens) - i), 0, -1):
            key = tuple(stems[i : i + size])
            if key in _PHRASES:
                out.append((tokens[i : i + size], _PHRASES[key]))
                i += size
                break
        else:
            out.append(([tokens[i]], []))
            i += 1
    return _split_verbs(out)


# "put Dropbox on my laptop": a verb whose object, an app, comes between it and "on" installs.
SPLIT_VERBS = {"put": "put on", "throw": "put on", "stick": "put on"}
_SPLIT_REACH = 4


def _split_verbs(found: list[tuple[list[str], list[str]]]) -> list[tuple[list[str], list[str]]]:
    """Give a split verb ("put ... on") its meaning when an app comes next, then "on" or "onto"."""
    out = list(found)
    for i, (typed, meaning) in enumerate(found):
        if len(typed) != 1 or typed[0] not in SPLIT_VERBS or meaning:
            continue
        after = found[i + 1 : i + 1 + _SPLIT_REACH]
        app = next((k for k, (_, m) in enumerate(after) if "software" in m), None)
        if app is not None and any(t in (["on"], ["onto"]) for t, _ in after[app + 1 :]):
            out[i] = (typed, words(SYNONYMS[SPLIT_VERBS[typed[0]]]))
    return out


def is_hr_matter(text: str) -> bool:
    """True when the question is about pay, leave, benefits or similar HR matters."""
    tokens = words(text)
    joined = " ".join(tokens)
    return any(t in HR_WORDS for t in tokens) or "direct deposit" in joined or "workers comp" in joined


# Matched on whole words as typed, so "fire drill" never reads as "fired".
_SITUATIONS = [
    (frozenset(words(a.replace("-", " "))), frozenset(words(b.replace("-", " "))), words(meaning))
    for a, b, meaning in SITUATIONS
]


def situations(typed: set[str]) -> list[list[str]]:
    """The policy wording of each situation the question's words (as typed) describe."""
    return [meaning for first, second, meaning in _SITUATIONS if typed & first and typed & second]


# "How do I set up breakout rooms?", "how do I fix the printer?": the policies say what
# staff may and must do, never how to work a device or an office procedure. A how-to
# question is out of scope unless its action is one the policies do describe: whom to
# tell, how to report, what to do about a problem.
_HOW_TO_RE = re.compile(r"\bhow (?:do|can|should|would|could|will) (?:i|we|you|u)\s+(?:even\s+|ever\s+)?([a-z']+)"
                        r"|\bhow to\s+([a-z']+)"
                        # "is there a way to block spam calls?"; how parents or students do something
                        # ("how does a parent make an account on the lunch site?")
                        r"|\bis there (?:a|any) (?:way|setting) to\s+([a-z']+)"
                        # "changing the password on my home router, instructions?"
                        r"|\b(?:any |the |some )?(instructions|directions)\b\W*$|\b(walkthrough|tutorial)\b"
                        # "mail merge in google docs for conference letters - how?", "... formatting, fix?", "turning
                        # on the screen monitoring software - steps?", "steps to do a mail merge in word"
                        r"|[-–—,:]\s*(how|fix|steps)(?: pls| please| plz)?\W*$|^\W*(steps) (?:to|for)\b"
                        r"|\b(walk) me through\b"
                        # "easiest way to share a google drive folder with just my grade team"
                        r"|\b(?:easiest|best|fastest|quickest|simplest) way to\s+([a-z']+)"
                        # something that will not work: "goguardian isnt showing my students' screens, what am i doing
                        # wrong", "powerschool won't save my grades, help"
                        r"|\bwhat (?:am i|are we) (doing) wrong\b"
                        r"|\b(?:won'?t|wont|isn'?t|isnt|doesn'?t|doesnt|can'?t|cant|not) (?:save|saving|load|loading|open|"
                        r"opening|connect|connecting|work|working|print|printing|sync|syncing|show|showing)\b[^?]*?[,.!:-]\s*"
                        r"(help)\W*$"
                        r"|\bhow (?:does|do|can|should) (?:a |the |my )?(?:parents?|famil(?:y|ies)|students?|kids?)\s+"
                        r"([a-z']+)"
                        # an error on the screen: "smartboard wont connect to my laptop, it just says no signal",
                        # "time clock app keeps saying invalid account when i try to log in"
                        r"|\b(?:says|saying|shows|showing|displays) (no signal|invalid|error)\b"
                        r"|\bkeeps (saying|showing) (?:access denied|error|invalid)\b"
                        # a device that will not work, told and no more: "my chromebook wont connect to the smartboard"
                        r"|^\W*(?:my |the |our |this )?(?:[\w'-]+ ){0,2}[\w'-]+ (?:won'?t|wont|doesn'?t|doesnt|isn'?t|isnt) "
                        r"(connect|load|print|sync|open|start|boot|turn on|charge|work|save)\b[\w' ,/-]{0,50}\W*$"
                        # something that keeps failing: "screencastify keeps cutting off my recording at 5 minutes",
                        # "mail merge keeps messing up the parent names help"
                        r"|\b(?:keeps|kept) (?:on )?(messing|cutting|crashing|freezing|glitching|logging|kicking|timing|"
                        r"dropping|bouncing|failing|rejecting)\b(?![^.?!]*\b(?:so|because|since|then|fine|ok|okay|right)\b)", re.I)
_RULE_WORDS_RE = re.compile(r"\b(?:permission(?! slips?\b| forms?\b)|permitted|allowed|approval|approve|approved|authori[sz]ation|"
                            r"rules?|polic(?:y|ies)|violat\w*|against)\b", re.I)
HOW_TO_IN_SCOPE = frozenset(
    """report tell ask contact know handle respond deal protect keep stay avoid prove find-out
    stop flag notify alert complain raise""".replace("-", " ").split()
)


# A passage naming whom to go to: someone in charge, and reporting to or asking them.
_IN_CHARGE_RE = re.compile(r"\b(?:supervisor|administrator|director|superintendent|principal|authority|designee)\b", re.I)
_GOING_TO_RE = re.compile(r"\b(?:report\w*|notify|directed|guidance|inform|contact|bring)\b", re.I)


def names_whom(text: str) -> bool:
    """Whether a policy passage names someone to report to or ask ("Questions about electronic
    monitoring ... should be directed to the Superintendent")."""
    return bool(_IN_CHARGE_RE.search(text)) and bool(_GOING_TO_RE.search(text))


# A passage defining a term: "... 'personal online account' means ...", "'Reasonable personal use' is
# defined as ...", "'Personal online account' does not include ...".
_DEFINITION_RE = re.compile(r"^(?:For (?:the )?purposes of [^,]+, )?[\"\u201c]?\w[\w ,-]{1,60}?[\"\u201d]?,?"
                            r"(?: as defined by [^,]+,)? (?:means|is defined as|shall mean|does not include)\b")


def is_definition(text: str) -> bool:
    """Whether a policy passage defines a term rather than states a rule."""
    return bool(_DEFINITION_RE.search(text))


def asks_how_they_do(text: str) -> bool:
    """Whether the asker asks how they do something ("how do I reset ...?"), not only tells of a
    how-to ("a student showed me how to get around the filter")."""
    return any(match.group(1) for match in _HOW_TO_RE.finditer(text))


def is_how_to(text: str) -> bool:
    """True for a question asking how to operate something or follow an office procedure."""
    match = _HOW_TO_RE.search(text)
    if not match:
        return False
    verb = next(group for group in match.groups() if group).lower()
    # "How do I get permission to install an app?" asks about a rule, not a procedure.
    return verb not in HOW_TO_IN_SCOPE and not _RULE_WORDS_RE.search(text)


# "What's the password for the staff wifi?", "When is the staff party?", "Where do I park?":
# a request for a fact, a time or a place. The policies say what staff may, must and must
# not do, who watches and whom to tell; they hold no passwords, account numbers, dates or
# room numbers, so such a question is out of scope, however many policy words it shares
# ("password", "account"), unless it asks about a duty, a rule or a consequence.
_LOOKUP_RE = re.compile(
    r"(?:^|[.?!:;,\-–—]\s+)\W*(?:(?:when|what time|what day|what date|how late|how early)\b"
    r"|(?:what|which)(?:'s|s| is| are| was)? (?:the|our|my|a|an|this|that)\b"
    r"|where(?:'s|s)? (?:do|can|should|is|are|does|will|would|the|our|my) "
    # "which email address do I use for payroll?", "what's the link for the sub folder?"
    r"|(?:what|which)(?:'s|s| is)? (?:\w+ )?(?:address|number|password|login|username|extension|link|url|room|code)\b"
    # a recommendation: "which grading software should I use?", "what's the best app for ..."
    r"|(?:what|which) (?:\w+ )?(?:apps?|software|programs?|tools?|sites?|websites?|platforms?|brands?|laptops?"
    r"|devices?) (?:should|would|do|does) (?:i|we|you|u|people)\b"
    r"|(?:is there|do you know|can you suggest|can you recommend|any) (?:an? |any )?(?:good |free |better )?"
    r"(?:apps?|software|programs?|tools?|sites?|websites?|password managers?|browsers?|extensions?)\b"
    # "is there a password manager the district recommends?"
    r"|\b(?:the district|the school|the agency|they|IT|tech) (?:recommends?|suggests?)\b"
    # advice: "... any tips?", "tips for ...", "what's the best time to post?"
    r"|(?:any|some|got any|good) tips\b|tips (?:for|on)\b"
    # "student accounts use a different email domain than staff right? which one"
    r"|which one\W*$"
    r"|(?:what|which)(?:'s|s| is| are)? the best (?:time|day|place|settings?)\b"
    # whether something is working: "is PowerSchool down today?"
    r"|(?:is|are) (?:the |my |our )?[\w' -]{1,30}? (?:down|up|working|fixed|back up|back online|out) ?"
    r"(?:today|yet|now|again|right now|this week)?\W*$"
    # whether a place is open: "is the nurse's office open during summer school"
    r"|(?:is|are) the [\w' -]{1,30}? (?<!to )(?:open|closed)(?: (?:during|on|over|after|before|at|in|today|tomorrow|"
    r"this|next|until|till)\b|\W*$)"
    # a password for a network: "staff wifi password?"
    r"|(?:the |our )?(?:staff |guest |school |district |building )?(?:wi-?fi|wireless|guest network) "
    r"(?:password|passcode|key|network name)\b"
    # what a message of one's own should say: "what should my out of office email message say over break" (not an
    # e-mail signature, which Stafford's policy prescribes)
    r"|(?:what|how) should (?:my|the|our) (?![\w -]*signature)[\w -]{1,40}? (?:say|read)\b"
    # how many a district owns: "adobe licenses - how many does the district own"
    r"|how many (?:\w+ )?(?:does|do) (?:the district|the school|the agency|we|crec|ces|clinton|stafford|thomaston) "
    r"(?:own|have|buy|pay for)\b"
    # who runs something: "who is in charge of the school's facebook page?"
    r"|who (?:runs|is in charge of|manages|posts on)\b|who(?:'s|s) in charge of\b"
    # who holds or mends something: "who has the login for the district youtube channel", "who fixes that"
    r"|who (?:has|knows|holds|keeps) the (?:\w+ )?(?:logins?|passwords?|credentials|keys?)\b|who (?:fixes|repairs)\b"
    # which of a group has something on file: "which students have internet permission slips on file"
    r"|which (?:students|kids|teachers|staff|classes|families|parents) (?:have|has|already have|turned in)\b"
    # a contact named for something: "who is the FERPA contact for a records request?"
    r"|who(?:'s|s| is) (?:the|our) [\w ]{1,20}?contact\b"
    # a product's own policy: "the app we bought, what's its privacy policy?"
    r"|\b(?:its|their|the app'?s|the site'?s|the company'?s|the vendor'?s) (?:privacy policy|terms)\b"
    # whether an event is held: "is there an internet safety night this year?"
    r"|is there an? (?:\w+ ){0,3}(?:night|assembly|workshop)\b"
    # what the filter or the approved list holds: "is youtube blocked?", "is seesaw on the approved list?"
    r"|(?:is|are) \w+ blocked\b|does the (?:internet |web )?filter block\b"
    r"|(?:is|are) [\w' -]{1,30}? on the (?:list of )?approved (?:apps?|list|software|sites?)\b)", re.I)
# Asking to be given something: "can I get a new charger?", "could we have a second monitor?"
_REQUEST_RE = re.compile(
    r"(?:^|[.?!:;,-]\s+)\W*(?:can|could|may|do|how do) (?:i|we) (?:get|have|request|order) (?:an? |some |more )?"
    r"(?:new|replacement|second|extra|spare|another|bigger|better|faster)\b", re.I)
_RULE_RE = re.compile(r"\b(?:allowed|permitted|okay|ok|rules?|polic(?:y|ies)|against|violat\w*|sign\w*|agree\w*|"
                      r"form)\b", re.I)
_DUTY_RE = re.compile(
    r"\b(?:can|may|could|must|allowed|permitted|okay|ok|supposed|have to|has to|need to|needs to|required?|"
    r"rules?|polic(?:y|ies)|against|violat\w*|happen\w*|consequences?|penalty|punish\w*|trouble|worst|point|"
    r"purpose|why|reasons?|responsib\w*|role|my job|the deal with|disciplin\w*|report(?!\s+cards?\b)\w*|tell|notify|inform|ask|contact|sign\w*|agree\w*|"
    r"monitor\w*|see|track\w*|watch\w*|read|private|privacy|end up|kept|keep|expect\w*|"
    # the wording a policy itself requires: Stafford's e-mail disclaimer
    r"disclaimer|confidentiality (?:statement|notice|wording|blurb|language|message|thing|line|bit|footer)"
    r"|(?:at |on )?the bottom of (?:our|my|the|every|all|staff) e-?mails?"
    # where to take something troubling: "harassing messages from a coworker, where do I go with this?"
    r"|(?:go with|take) (?:this|that|it)"
    # what one may do about something: "getting harassing emails from a coworker, what are my options?"
    r"|what are my options)\b", re.I)


# "Can students bring their own laptops?", "are kids allowed to email teachers at night?", "can a
# parent record the meeting?": what students or parents themselves may do. These are staff policies;
# students' own use is left to the student policy they point to (CREC's and Thomaston's "cf. 6141.321").
# A question about what staff do with students' use (supervising it, their posts on a class site,
# listservs) is still about these policies.
_STUDENTS_OWN_USE_RE = re.compile(
    r"^(?!.*\b(?:blogs?|websites?|padlet|bulletin|listservs?|posts?|posting|supervis\w*|watch\w*|monitor\w*)\b)"
    r".*\b(?:can|may|are|do|should|could) (?:the |a )?(?:crec |ces |clinton |stafford |thomaston )?"
    r"(?:students?|kids?|my students|children|child) (?:be )?"
    r"(?:legally |ever |even )?(?:allowed to |permitted to )?(?:use|bring|email|sign up|get|take|have)\b"
    r"|\b(?:can|may|could) (?:a|the) (?:students?|parents?|kids?) (?:record|film|video|tape)\b", re.I)
# Asking to be paid: "is there a stipend for running the accounts?", "does the district pay for my
# home internet?", "are we reimbursed for using our own phones?": pay is HR's, not a policy rule.
_PAY_REQUEST_RE = re.compile(r"\bstipend for\b|\b(?:district|school|board) (?:to )?pay for my\b"
                             r"|\breimburs\w* for (?:using|my)\b", re.I)


def is_students_own_use(text: str) -> bool:
    """True for a question about what students (or parents) themselves may do, not staff."""
    return bool(_STUDENTS_OWN_USE_RE.search(text))


def is_pay_request(text: str) -> bool:
    """True for a question asking whether staff are paid or reimbursed for something."""
    return bool(_PAY_REQUEST_RE.search(text))


# A technical limit or setting: "how big can an attachment be before it bounces?", "which antivirus
# program is on our laptops?". The policies set no sizes and name no products, whatever may or can
# the question holds.
_SPECIFICATION_RE = re.compile(
    r"\bhow (?:big|large|many (?:mb|gb|megabytes|gigabytes))\b[^.?!]{0,40}?\b(?:attachments?|files?|e-?mails?|inbox|"
    r"mailbox|uploads?|videos?|thumb ?drives?|flash drives?|usb)\b"
    r"|\b(?:size|storage|file|attachment) limits?\b|\blimit on (?:how big|the size)\b"
    # "gmail daily sending limit"
    r"|\b(?:daily |hourly )?(?:sending|send|upload|mailbox|inbox) (?:limits?|caps?|quotas?)\b"
    # "minimum length for a district password?", "how many characters does it need?"
    r"|\b(?:minimum|maximum|min|max) (?:length|number|size|characters)\b"
    # what a fine or penalty comes to: "how big is the fine under federal law?"
    r"|\bhow (?:big|much|large|high|steep) (?:(?:is|are|would be|could be) (?:the |a )?|(?:of )?an? )(?:fines?|penalt(?:y|ies))\b"
    # what product the district uses: "what antivirus does the district use on staff laptops?"
    r"|\b(?:what|which) (?:brand|kind|type|make) of [\w ]{1,20}? (?:does|do|is|are) (?:the district|the school|our school|"
    r"the agency|we|they)\b[^.?!]{0,20}?\b(?:use|using|run|running|have)\b"
    # a technical rate: "how many emails can I send per day before gmail blocks me?" (not how much personal use)
    r"|\bhow many [\w ]{1,20}? (?:per|a|each) (?:day|hour|week|minute)\b[^.?!]{0,30}?\b(?:before|limit|cap|quota|"
    r"blocks?|locks?)\b"
    r"|\b(?:what|which) (?:\w+ )?(?:antivirus|anti-virus|browser|platforms?|software|email client|lms) (?:does|do|is|are) "
    r"(?:the district|the school|our school|the agency|we|they|ces|crec|clinton|stafford|thomaston|IT|tech)\b"
    r"[^.?!]{0,20}?\b(?:use|using|run|running|have|put|puts|install|installs|load|loads)\b"
    # who makes a product: "which company makes the web filter we use?"
    r"|\b(?:which|what) (?:company|companies|vendor|vendors|brand) (?:makes|made|runs|provides|sells|supplies|installed|"
    r"installs|set up|sets up|built|owns)\b"
    # how long footage is kept: "bus camera video, how long is it kept before it gets erased"
    r"|\b(?:camera|footage|surveillance|security video)\b[^.?!]{0,40}?\bhow long\b"
    r"|\bhow long\b[^.?!]{0,40}?\b(?:footage|camera (?:video|recordings?))\b"
    # one's own look: "want to change my outlook profile picture"
    r"|\b(?:change|changing|update|updating|set|setting|upload|uploading)\b (?:my |the |a )?(?:\w+ )?(?:profile "
    r"(?:picture|pic|photo)|avatar|wallpaper|desktop background|screen ?saver|ringtone)\b"
    # what is installed: "what monitoring software is installed on staff laptops"
    r"|\b(?:what|which) (?:\w+ )?(?:software|programs?|apps?|tools?) (?:is|are) (?:installed|running|loaded)\b"
    # where a setting is: "outlook signature settings - where are they, i cant find them"; an e-mail domain
    r"|\b(?:settings?|options?|menu|button)\b[^.?!]{0,10}?\bwhere (?:are|is) (?:they|it)\b"
    r"|\bwhere (?:are|is) (?:the |my )?(?:settings?|options?|menu|button)\b|\be-?mail domains?\b"
    # "where in the settings do i paste it"
    r"|\bwhere in (?:the |my )?(?:\w+ )?(?:settings?|options?|menus?|preferences|toolbar)\b"
    r"|\bwho (?:makes|made|sells|supplies) (?:the|our)\b"
    # the name of a post's holder or of a product: "name of the monitoring program IT runs on our laptops?"
    r"|\bname of (?:the |our )?(?:\w+ ){0,3}(?:director|coordinator|manager|head|supervisor|program|software|app|"
    r"filter|company|vendor|platform|system|tool)\b"
    # how often a list or a system is updated: "how often does the web filter block list get updated?"
    r"|\bhow often (?:does|do|is|are) (?![\w ]{0,30}?\bpasswords?\b)[\w ]{1,30}? (?:get |gets |be )?(?:updated|changed|reviewed|refreshed|backed up|"
    r"patched)\b"
    # "is goguardian what the district uses to watch student screens?"
    r"|\bis \w+ what (?:the district|the school|the agency|we|they) uses?\b"
    # getting one's own file back: "deleted a file off the shared drive by accident, any chance of recovering it?"
    r"|\bany (?:chance|way) (?:of|to) (?:recover\w*|restor\w*|get(?:ting)? (?:it|them) back|undelet\w*)\b"
    # how much of a work may be shown: "how many minutes of a movie can I show under fair use?"
    r"|\bhow (?:many|much) (?:minutes|seconds|pages|percent|chapters?) of (?:a|an|the) (?:movie|film|song|book|video|clip|"
    r"article|show)\b"
    # getting one's own deleted file back: "recovering a google doc i deleted by accident"
    r"|\brecover\w* (?:a |an |my |the )?(?:\w+ ){0,2}(?:docs?|files?|e-?mails?|folders?|documents?|slides?) (?:i|that i) "
    r"(?:deleted|lost|erased|trashed)\b"
    # "student login passwords - what format do they use", "who was superintendent when the policy was written?",
    # "does stafford have an official twitter account i can tag?"
    r"|\bwhat formats?\b|\bwho was (?:the )?(?:superintendent|principal|director|president|chair)\b"
    r"|\b(?:have|has) an official (?:\w+ )?(?:account|page|handle)\b"
    # when a contract or licence runs out: "google workspace contract renewal date for the district"
    r"|\b(?:renewal|expiration|expiry) dates?\b"
    # someone's name: "who is the director of technology, like what's her name?"
    r"|\bwhat(?:'s|s| is) (?:her|his|their) (?:name|email|e-mail|number|extension)\b"
    # who holds a post now: "who is the director of technology in clinton right now?", "is there still a director?"
    r"|\bwho(?:'s|s| is) (?:the |our )?(?:current |new )?(?:director|head|coordinator|chief|manager) of [\w ]{1,30}?"
    r"(?: in \w+)?(?: right now| now| this year| currently| these days)?\W*$"
    r"|\bis there (?:still )?an? (?:director|head|coordinator|chief|manager) of\b"
    # how long records are kept: "how many years do we have to keep attendance records?"
    r"|\bhow (?:long|many years) (?:do|does|must|should|are|is) [\w ]{1,20}?\b(?:keep|kept|retain\w*|hold|store\w*)\b"
    r"[^.?!]{0,30}?\brecords?\b"
    # counts of people: "how many students are enrolled in C.E.S. programs?"
    r"|\bhow many (?:students|kids|staff|teachers|employees|people) (?:are|is|were) (?:enrolled|employed|there|in)\b"
    # "how many IT people does the district have reading staff emails?"
    r"|\bhow many (?:\w+ ){0,2}(?:people|staff|employees|techs?|technicians|admins|administrators) (?:does|do) "
    r"(?:the district|the school|the agency|crec|ces|clinton|stafford|thomaston|we|they) have\b"
    # an e-mail setting: "turn off read receipts on my school email"
    r"|\bread receipts?\b"
    # the right cable or adapter: "what cable do I need to hook my laptop up to the smartboard?"
    r"|\b(?:what|which) (?:kind of |type of )?(?:cable|cord|adapter|dongle|charger|port|plug)s? (?:do|does|should|would)\b"
    # registering a copyright of one's own: "what's involved in registering the copyright with the copyright office"
    r"|\bregist\w* (?:the |a |my |for )?(?:a )?copyrights?\b|\bcopyright office\b"
    # an age a law or a site sets: "how old does a kid have to be to have their own tiktok account"
    r"|\bhow old (?:does|do|must|should|has|have) (?:a |the |my )?(?:kid|child|student|person|someone|user)s? "
    r"(?:have to |need to |got to )?be\b"
    # a price, a setting, a warrant: "is there a staff discount on microsoft office?", "which setting", "do police
    # need a warrant to read my personal texts"
    r"|\b(?:staff|teacher|employee|educator)s?'? discounts? (?:on|for)\b|\b(?:which|what) settings?\b"
    r"|\b(?:need|needs|get|have|without) a (?:search )?warrant\b"
    # a name asked for after a comma: "who is the director of technology right now, name?"
    r"|,\s*(?:(?:her|his|their|full) )?name\W*$"
    # a copy of a recording: "can i get a copy of the bus camera video for a parent complaint"
    r"|\b(?:can|could|may) (?:i|we) (?:get|have|see) (?:a )?cop(?:y|ies) of (?:the )?(?:\w+ ){0,2}(?:video|footage|"
    r"recording)s?\b"
    # whether the district has a product: "2fa on email, does the district use it"
    r"|\bdoes (?:the district|the school|the agency|crec|ces|clinton|stafford|thomaston|we) (?:use|have|offer|support) "
    r"(?:it|that|this|one)\W*$"
    # an application's look: "changing the default font in gmail so all my emails look the same"
    r"|\b(?:change|changing|set|setting|switch|switching) (?:the |my )?(?:default )?(?:fonts?|themes?|backgrounds?|"
    r"wallpapers?|ringtones?)\b"
    # how often the form is signed, which no policy says: "do i need to sign the tech agreement every year or is it
    # just once", "is signing the acceptable use form a one time thing or do we redo it every year"
    r"|\b(?:every|each) year or (?:is it |is |just |only )*(?:once|one time)\b|\bonce or (?:every|each) year\b"
    r"|\bone[- ]time thing or\b|\b(?:every|each) year or is once enough\b"
    # "does the district use goguardian or some other program to monitor student chromebooks"
    r"|\b(?:use|uses|using) \w+ or (?:some |another |any )?(?:other )?(?:\w+ )?(?:program|software|app|tool|filter|system)\b"
    # what the district keeps or searches of its own accord: "does the district back up my documents folder every
    # night", "can the school search my car in the parking lot"
    r"|\b(?:does|do|will) (?:the district|the school|they|IT|tech) back (?:up|it up)\b"
    r"|\bsearch my (?:car|bag|purse|locker|vehicle|truck)\b"
    # "is there a limit on how many students can be in the computer lab at once"
    r"|\bhow many (?:students|kids|people) can be in\b"
    # a law's own terms: "statute of limitations", "kids have to be 13 to have instagram right?", "how many days do we
    # have to answer a FOIA request"
    r"|\bstatute of limitations\b|\b(?:be|are|is) (?:at least )?1[0-9] to (?:have|use|get|sign up|open|make)\b"
    r"|\bhow many days (?:do|does) (?:we|i|the district|the school) have to\b"
    # a product's own privacy policy: "the district bought a new reading app - whats its privacy policy"
    r"|\bwhat(?:'s|s| is) (?:its|their|the app'?s|the site'?s|the company'?s) privacy policy\b"
    # which input, port or menu: "connecting my laptop to the smartboard with hdmi - which input do i pick",
    # "adding pronouns to my email signature - which menu is that in"
    r"|\bwhich (?:input|port|channel|source|menu|tab|button|option)s?\b"
    # reporting to a company: "a student's personal gmail got hacked, is there a way to report it to google"
    r"|\breport (?:it|this|that|them) to (?:google|microsoft|apple|facebook|instagram|tiktok|snapchat|twitter|meta|"
    r"the (?:app|site|company|vendor))\b"
    # "which web filter company does the district use", "citing a website in apa for my students' paper"
    r"|\b(?:what|which) (?:\w+ ){0,2}(?:company|companies|vendor|provider) (?:does|do|is|are) (?:the district|the school|"
    r"our school|the agency|we|they|crec|ces|clinton|stafford|thomaston)\b[^.?!]{0,20}?\b(?:use|using|have|go with|pay)\b"
    r"|\b(?:in|using) (?:apa|mla)\b|\b(?:apa|mla) (?:format|style|citations?)\b"
    # "dental plan sign up link anyone"
    r"|\b(?:link|url)s? (?:anyone|please|pls|someone)\W*$"
    # "blocking a spammer in gmail?"
    r"|\bblock(?:ing)? (?:a |the |this |that )?(?:spam |junk |unknown )?(?:spammer|sender)s?\b"
    # "like the actual person's name"; "what makes a password strong enough", which no policy says
    r"|\b(?:the )?(?:actual )?person'?s name\b"
    r"|\bmakes? (?:a |my |our )?passwords? (?:strong|secure|good)\b|\bpassword strength\b"
    r"|\b(?:making|creating|choosing|picking|coming up with) (?:a |my )?(?:strong|good|secure|memorable) passwords?\b"
    # a recommendation asked for after a comma: "monitoring my own kids screen time at home, any good apps"
    r"|,\s*any (?:good |free |decent |recommended )?(?:apps?|software|programs?|tools?|sites?)\W*$"
    # bullying off line: "a kid got pushed at recess, whats the bullying report form", "picked on at recess (not online)"
    r"|\(not online\)|\b(?:bull(?:y|ied|ying)|pushed|hit|punched|picked on)\b[^.?!]{0,30}?\b(?:at recess|on the playground)\b"
    r"|\bwhich (?:\w+ ){0,2}(?:programs?|software|antivirus|anti-virus|platforms?|apps?) (?:is|are) "
    r"(?:installed|on|our|the official|used)\b"
    # which product to use: "which platform are we supposed to use for remote classes?"
    r"|\bwhich (?:one|(?:\w+ )?(?:platforms?|apps?|programs?|software|tools?|sites?))\b[^.?!]{0,40}?"
    r"\b(?:official|supposed to use|should (?:i|we) use|do (?:i|we) use|are we using)\b", re.I)


# What a law itself says ("what does HIPAA require for the health office computer?", "under COPPA can kids sign up
# on their own?"): the policies cite laws, they do not explain them.
_WHAT_A_LAW_SAYS_RE = re.compile(
    r"\bwhat (?:does|do) (?:the )?[\w.\- ]{0,40}?\b(?:act|law|laws|statute|ferpa|cipa|31-48d)\b "
    r"(?:actually |really |even )?(?:say|says|require|requires|allow|allows|cover|covers)\b"
    r"|\bunder (?:the )?(?:federal|state|ct|connecticut) copyright law\b"
    r"|\bunder (?:the )?(?:ferpa|cipa|31-48d|federal law|state law|ct law|connecticut (?:state )?law|"
    r"[\w ]{1,50}? act)\b"
    # "does the ADA require captions on videos we post?"
    r"|\bdoes (?:the )?(?:ada|idea|dmca|ecpa|section 504|title ix) (?:require|allow|let|say|cover)\w*\b"
    # COPPA and HIPAA, which no policy names (C.E.S.'s names FERPA and CIPA as ones its rules follow), whatever is
    # asked of them: "COPPA rules for apps with kids under 13?", "does HIPAA apply to the nurse's office records?",
    # "is COPPA the reason kids under 13 cant have gmail accounts"
    r"|\b(?:coppa|hipaa)\b"
    # how long copyright lasts: "how long does a copyright last before something is public domain?"
    r"|\bhow long (?:does|do|is|will) (?:a |the )?copyrights? (?:last|run|protect)\w*\b"
    r"|\bcopyrights?\b[^.?!]{0,30}?\b(?:runs? out|expires?|lasts?)\b|\bstill (?:under|in) copyright\b"
    # "what age does COPPA cover for student apps?", "does the TEACH act let me stream a full movie?"
    r"|\bwhat age does\b"
    r"|\bdoes (?:the )?(?!children|family)[\w ]{1,30}? act (?:let|allow|permit|require|say)\w*\b"
    # a question headed by a law's name: "electronic communications privacy act — is recording a call wiretapping?"
    r"|^\W*(?:the )?(?!children|family)[\w ]{1,50}? act\s*[-–—:]"
    # what another policy, by its number, says or holds ("what does the social media policy 4308 say about ...",
    # "what's actually in policy 4308"), not the policies' own numbers (4118.5/4218.5, 4306, 5.018, 6.033)
    r"|\bwhat(?: does|(?:'s|s| is) (?:actually |really )?in) (?:the )?[\w ]{0,30}?polic(?:y|ies) "
    r"#?(?!4118\.5|4218\.5|4306|5\.018|6\.033)\d{4}\b"
    r"|\bdoes the (?!children)[\w ]{1,40}? (?:act|statute|law) (?:even |still |actually )?apply\b"
    # how much of a work fair use allows: "how many pages of a novel can i copy under fair use"
    r"|\bhow (?:many|much|long)\b[^.?!]{0,60}?\b(?:under|counts? as|is (?:still )?|still) fair use\b"
    r"|\bfair use (?:limits?|cutoffs?|thresholds?)\b"
    r"|\b(?:break|breaks|violate|violates) (?:the )?(?!children)[\w ]{0,40}?\b(?:privacy|communications) act\b"
    r"|\bdoes (?:ferpa|cipa|the law|state law|federal law) (?:let|allow|require|say|permit)\b"
    # whether a law exists: "state law on teachers friending students on social media - does one exist"
    r"|\b(?:law|statute)\b[^.?!]{0,60}?\b(?:does (?:one|it|such a law|that) (?:even )?exist|is there (?:one|such a law))\b"
    # "what does the new state law about cell phones in schools say"
    r"|\bwhat (?:does|do) (?:the )?[\w ]{0,20}?\blaws? (?:about|on|regarding) [\w ]{1,40}? (?:say|says)\b"
    # what a fine comes to: "fine amount for a copyright violation on a movie?", "how much is the fine for ..."
    r"|\bfines? amounts?\b|\bhow (?:much|big) (?:is|are|would be|could be) (?:the |a )?fines?\b"
    r"|\bwhat(?:'s|s| is| are| would be) the (?:\w+ )?fines? (?:for|on|if)\b",
    re.I)


def is_lookup(text: str) -> bool:
    """True for a question asking for a fact, a time or a place rather than about a rule:
    what something's password, number, schedule or location is, a technical limit, or what a law says."""
    if _SPECIFICATION_RE.search(text) or _WHAT_A_LAW_SAYS_RE.search(text):
        return True
    if _REQUEST_RE.search(text):
        return not _RULE_RE.search(text)
    return bool(_LOOKUP_RE.search(text)) and not _DUTY_RE.search(text)


# How a question about a rule is put: whether one may, must or will (be made to), whose duty
# or fault it is, what happens, whom to tell. "Is the gym open after school?" is not put so.
_RULE_QUESTION_RE = re.compile(
    r"\b(?:can|could|may|might|must|should|shall) (?:i|we|you|u|they|staff|teachers?|my|the|a|an|our|she|he|someone)\b"
    r"|\b(?:am i|are we|is it|is that|is this|was that|was it|are they|is she|is he) (?:\w+ )?(?:ok|okay|alright|"
    r"all right|fine|allowed|permitted|legal|illegal|a problem|an issue|a big deal|against|wrong|responsible|liable|"
    r"required|supposed|on the hook|in trouble|cool)\b"
    r"|\b(?:do|does|did) (?:i|we|you|they|staff|teachers?|the|my|our) (?:\w+ )?(?:have to|need|needs|has to|get to)\b"
    r"|\b(?:have to|need to|needs to|has to|supposed to|allowed to|required to|permitted to)\b"
    r"|\bwho(?:se)? (?:\w+ )?(?:do|should|can|must|is|fault|job|responsibility|problem)\b"
    r"|\bwhat (?:happens|could happen|will happen|can happen|would happen|if)\b"
    r"|\b(?:will|would|could) (?:i|we) (?:get|be|lose)\b|\bany (?:issue|problem|rule)s?\b"
    r"|\b(?:rules?|polic(?:y|ies)|allowed|permitted|prohibited|forbidden)\b", re.I)


def asks_about_a_rule(text: str) -> bool:
    """True when the question is put as one about a rule: may, must, whose duty, what happens."""
    return bool(_RULE_QUESTION_RE.search(text))
