"""The questions each policy section answers, in the words staff use.

Written from the sections themselves: for each one, what a teacher, aide,
secretary or administrator would be wondering when this section is the
answer, naming the everyday things (apps, phones, the lunch break, the
substitute, the field trip, the group chat) and the actions rather than the
policy's terms. Entries apply to a section's `equivalent_to` twins too
(CREC and Thomaston share their lettered rules; Clinton and Stafford share a
model regulation). Sections that say the same thing without being twins
(CREC's and Thomaston's policy statement and Acceptable Use) are listed
together. One question a line.
"""

from __future__ import annotations

from pathlib import Path

from tutor.errors import TutorError

# More of the same, in plain text, one file per policy (data/section_questions/*.txt): a line
# `[district:section ...]` names the sections that answer the questions below it, one a line;
# `#` starts a comment line. Written from the sections alone, section by section, by people who
# had seen neither the answerer nor any evaluation question, for every rule of every section.
QUESTIONS_DIR = Path(__file__).parent / "data" / "section_questions"

_PERSONAL_USE_CREC = """
Is reading my own Gmail at my desk okay now and then?
Can I send a quick personal note to a relative from work?
Are occasional personal errands online permitted at work?
Can I handle a personal errand online during a free period?
Can I look up a recipe, the weather or the news on my planning period?
What counts as reasonable personal use?
Can I use the school internet for personal things if it doesn't get in the way of my job?
"""

SECTION_ASKS: dict[tuple[str, ...], str] = {
    # -- CREC and Thomaston ------------------------------------------------------------
    ("crec:policy", "thomaston:policy", "crec:B", "thomaston:B"): _PERSONAL_USE_CREC,
    ("crec:policy", "thomaston:policy"): """
What is the school computer network for?
What happens if I break the computer use policy?
Could misuse get me suspended or discharged?
""",
    ("crec:B", "thomaston:B"): """
What purposes is district technology provided for?
Do professional conduct rules apply when I use the school network?
""",
    ("crec:intro", "thomaston:intro"): """
Where can I get guidance when a particular use might be questionable?
Is the list of prohibited uses everything, or just examples?
Will illegal use of the computers be reported to the police?
""",
    ("crec:A",): """
Who decides what I can get into on the school network?
Can I get access to the student information system or a shared drive?
""",
    ("crec:C",): """
Am I responsible for what happens on my account and my files?
Is the prohibited list complete?
""",
    ("crec:C.1",): """
Can I share a bootleg copy of a film with my class?
Is it okay to send a joke that mocks someone's religion or race from my work account?
Is unlawful activity on district machines treated as a violation?
Can I send a harassing or threatening email to a coworker?
Can I make copies of a movie or software that breaks copyright law?
Is it against the rules to send a discriminatory joke from school email?
""",
    ("crec:C.2",): """
A coworker forwarded me nude photos, can I keep them on my laptop?
Can I look at porn or sexual pictures on the work computer?
Can I forward a racy or sexually suggestive meme from my school account?
Is it okay to open adult or explicit sites on the school laptop after hours?
""",
    ("crec:C.3",): """
Can I play an online game with my students after school?
Can I chat one-on-one with a student late at night over text?
Can I message or DM a student on social media?
Can I text a student from my phone or chat with students privately online?
Can I follow a pupil back or add one as a friend online?
Can I use my own social media account to keep in touch with students?
Can I send a student a personal or flirty message?
Is it okay to talk to kids in a group chat or on a gaming app?
""",
    ("crec:C.4",): """
Can I list things for sale on Facebook Marketplace from the classroom computer?
Can I do paid work for another employer on the district laptop?
Can I sell things or run my side business from my work computer?
Can I advertise my tutoring, crafts or products with school email?
Can I use the school computer to make money on the side?
""",
    ("crec:C.5",): """
Can I recruit coworkers for my book club or a community group through school email?
Can I hand out my colleagues' school addresses to a charity's mailing list?
Can I ask colleagues by email to give money to my charity?
Can I use school email to recruit people for my church, club or union?
Can I send an email supporting a political candidate or cause?
Can I give my school email list to an outside group or company?
Can I send staff a fundraiser for my kid's team or a raffle?
""",
    ("crec:C.6",): """
Can I post my own opinion so it looks like the school's position?
Can I speak for the district in a blog post, letter or on social media?
Can I write to the newspaper from my school email with my personal views?
""",
    ("crec:C.7",): """
The IT department didn't approve an app I like, can I load it anyway?
Can I add a plugin to the browser on my classroom computer?
Can I download or install an app or program on my school computer?
Can I put a free game or browser extension on my work laptop?
Do I need permission from IT to install software?
Can I add a video editor or PDF tool to my work computer?
""",
    ("crec:C.8",): """
Is it safe to click a program file sent by an unfamiliar sender?
Can I pass along an attachment that might carry a virus?
I got an email with a file that might have a virus, what should I do with it?
""",
    ("crec:C.9",): """
Can I use the all-staff distribution list for my announcement?
Can I email every employee in the district at once?
Do I need permission to send a mass email or a message to all staff?
Can I email a big list of parents and outside people at once?
""",
    ("crec:C.10",): """
Can I run a program that floods or slows down the network?
Can I try to get around the network security or break into the system?
Can I use a VPN or hack past the school's security settings?
What if I do something that crashes or disrupts the network on purpose?
""",
    ("crec:C.11",): """
Am I in trouble if the projector breaks because I handled it carelessly?
Can I get in trouble for damaging or breaking school computer equipment?
Can I take apart or mess with the classroom projector or computer?
""",
    ("crec:C.12",): """
Can my student teacher sign in with my username?
Can I share my password with a coworker or the substitute?
Can I sign on under a colleague's name?
Can I let a student or aide use my login?
""",
    ("crec:C.13",): """
Can I yell at a parent in all caps over email?
Can I send a rude or snarky email or reply-all to coworkers?
Can I use profanity or an unprofessional tone in school email or chat?
Is it okay to post mean comments about the principal or a colleague?
""",
    ("crec:C.14",): """
Can I try to visit a blocked website?
Can I go to a site the school filter does not allow?
""",
    ("crec:C.15",): """
I think a hacker got into the gradebook, do I have to tell the system administrator?
Do I have to report a security breach or hacked account to IT?
What should I do if I know someone got into the system who shouldn't have?
I clicked a phishing link and my account may be compromised, who do I tell?
""",
    ("crec:C.16",): """
Can I keep using the school computer after my access was taken away or suspended?
My network account was shut off, can I log in on someone else's?
""",
    ("crec:C.17",): """
Can I delete files or emails to hide something I shouldn't have done?
Can I wipe messages or files to cover up a violation?
""",
    ("crec:D", "thomaston:D"): """
Can the school see my email, my files or my internet activity?
Do I have any privacy on district machines?
Does the district monitor what I do on the work laptop?
Are my email messages and stored files private?
""",
    ("crec:E",): """
Can I email other staff about a student's grades, health or family situation?
How careful do I have to be sharing student or staff information by email?
Can I talk about a coworker's personal business in an email?
Can I put student names and scores in a message to someone outside school?
""",
    ("crec:F", "thomaston:F"): """
Do I have to supervise students when they use computers in my class?
What do I do if I see a student breaking the internet rules?
Whose job is it to watch what kids do online in the classroom or lab?
A student is on an inappropriate site, what should I do?
""",
    ("crec:G",): """
Will I be charged for losses the school suffers from my violation?
Am I on the hook for the costs if I misuse the school computer?
""",
    ("crec:H",): """
Will the school pay for a subscription or purchase I made on the work computer?
Who pays for a credit card charge or app subscription I signed up for at work?
Is the district responsible if I do something illegal on the school computer?
""",
    ("crec:I", "thomaston:I", "crec:policy", "thomaston:policy"): """
Do I have to sign a form saying I read the computer use policy?
Where is my signed acknowledgment of the computer policy kept?
Is there paperwork to complete before I receive network access?
""",
    ("thomaston:acknowledgment-form",): """
Until the form is returned, may I get on the network?
What does the computer use acknowledgment form say?
""",
    # -- Clinton and Stafford -----------------------------------------------------------
    ("clinton:policy", "clinton:introduction"): """
Is a quick look at my own inbox or a website between classes okay?
Are limited, occasional personal uses permitted?
Can I shop or read the news on the work laptop now and then?
What are the district's computers, phones and tablets meant to be used for?
""",
    ("clinton:policy", "clinton:privacy"): """
Does getting on the system count as acknowledging the rules?
Do I have to sign something, or does logging on count as agreeing?
""",
    ("clinton:monitoring", "clinton:policy"): """
Can the tech department read my district email whenever they want?
Can the district read my email or see what I do on the school computer?
Can IT look at my messages even though my account has a password?
Can they see my Facebook or Twitter messages sent from a school device?
Can the district see my texts on the school-issued phone or tablet?
Can personal use be ended for everyone at any time?
""",
    ("clinton:personal-online-accounts",): """
Can my boss make me give her my Facebook or Instagram password?
Does the district have a right to my personal social media login?
Can my principal make me log in to my personal account in front of him?
Do I have to friend or follow my supervisor, or join her group?
Can the district require the login for an account or device it provides or pays for?
Can the district look at my personal account if it is investigating misconduct?
""",
    ("clinton:why-monitor",): """
What reasons does the board give for monitoring?
What is the point of watching staff email?
""",
    ("clinton:privacy",): """
Does having a password protect my messages from administrators?
If I delete an email, is it really gone?
Are my permitted personal messages monitored too?
""",
    ("clinton:prohibited-uses", "stafford:prohibited-uses"): """
Can I forward a chain letter or a rude joke to the whole office?
Can I send a message that could get a coworker in legal trouble or slanders someone?
Can I use the district network for anything the regulations don't allow?
Can I solicit colleagues for my own business over the system?
Can I send a threatening or harassing message to someone?
Can I look in other people's folders or get into systems I'm not authorized for?
Can I download, install or change software on the district computer without approval?
Can I email student records or confidential information outside the school?
Can I email a copyrighted book chapter, video or song to others?
Can I look at inappropriate or obscene pictures on the school computer?
""",
    ("clinton:electronic-communications",): """
Can I text a parent from my own cell about their child?
Does the district's conduct code cover my Google Classroom comments to kids?
Can I text or message students or parents from my phone?
Can I contact students through social media, a messaging app or my own account?
What rules apply to messaging students, colleagues or parents?
How should I behave when teaching remotely on Zoom, Google Meet or a learning platform?
Do professional standards apply to my texts and chats with students?
""",
    ("clinton:disciplinary-action",): """
What happens if I misuse the school computers?
Could misuse end in termination?
""",
    ("clinton:reporting", "stafford:reporting"): """
Where should misuse by others be reported?
Who answers questions about appropriate use?
Someone keeps sending me harassing or threatening messages, what do I do?
Who do I report a computer problem to?
""",
    ("stafford:email-signature",): """
Do I need an email signature or a confidentiality notice on school email?
What confidentiality wording must my messages include?
""",
    ("stafford:websites",): """
Can my school have a website, and what is it for?
What goes on the district or school website?
""",
    ("stafford:monitoring-notice",): """
Is there video or audio surveillance on school grounds and buses?
Is usage of the district telephone system monitored?
Can the district monitor my smartphone when it is on the school network?
Is monitoring possible without prior notice when misconduct is suspected?
Which areas are excluded from surveillance?
""",
    # -- C.E.S. ---------------------------------------------------------------------------
    ("ces:policy",): """
What are C.E.S. computers supposed to be used for?
Can C.E.S. get past my password to check what I've been doing?
Do I have to supervise students when they go online?
""",
    ("ces:digital-citizenship",): """
Can I turn off or get around the internet filter?
Do the same rules apply to how I act online as face to face?
""",
    ("ces:network",): """
What counts as the network, and what can it be used for?
""",
    ("ces:acceptable-network-use",): """
Can I use the network a little for personal things?
Can I connect my own laptop or phone to the C.E.S. network or wifi?
Can I make videos, podcasts or web pages with students?
Can I publish student work online with parent permission?
Can I join an approved blog or social networking group for my class?
""",
    ("ces:unacceptable-network-use",): """
Can I stream videos or record audio that has nothing to do with teaching?
Can I sell things, fundraise or earn money using the network?
Can I download games, music or apps without permission?
Can I support a political candidate or ballot question on the network?
Can I plug my own router, hotspot or equipment into the network?
Can I record video or audio that isn't for instruction?
Can I post or send cyberbullying, harassment or discriminatory jokes?
""",
    ("ces:personal-information",): """
Can I post my home address or phone number online?
Can I share a coworker's or student's personal information on social media?
""",
    ("ces:student-names-and-dangerous-content",): """
Can pupils' pictures and names appear on a school web page?
What do I do if I find dangerous or inappropriate messages online?
""",
    ("ces:filtering-and-monitoring",): """
Can I use a proxy or VPN to get past the web filter?
Does the filter block everything bad, and do I still need to watch students?
Do I have to monitor students while they use computers?
Will junk email be blocked?
""",
    ("ces:copyright",): """
Can I copy or share a movie, song, software or pictures I found online?
Can I photocopy or scan pages from a book for my class under fair use?
Do I need permission to publish student work?
""",
    ("ces:network-security",): """
Can I share my password or use a coworker's login?
Where should a written-down password be kept?
Is the browser's saved-password feature allowed?
Do I have to lock the screen or log off when I leave my computer?
Can I email my password to the tech department?
""",
    ("ces:student-data",): """
Do I have to keep student grades and records confidential?
Can I share a student's information with someone outside school?
""",
    ("ces:no-expectation-of-privacy",): """
Can C.E.S. read my email or see the websites I visit?
Is anything private on the agency network?
Can my emails be given to the police or released as public records?
""",
    ("ces:disciplinary-action",): """
What discipline follows a violation?
Can I lose my network access or be fired?
""",
    ("ces:administrative-guidelines",): """
Can I play solitaire or online games on the agency computer?
What form is needed to bring agency laptop equipment home during vacation?
Can I play games, shop online or run a business on agency computers?
Can I install software for personal use on my work computer?
Can I put agency software on my home computer?
Who approves installing new software?
""",
    ("ces:internet-safety-guidelines",): """
Can I join a chat room or subscribe to a listserv?
Can I buy or sell personal items using the network?
Can network administrators look at my stored files and email?
""",
    ("ces:web-site-guidelines",): """
Must a posted web site be reported to my building supervisor?
Do individual photographs with student names need written parental consent?
Can I use copyrighted pictures on my class web page?
Can the school post my work on its website?
""",
    ("ces:email-guidelines",): """
Can I send chain letters or junk email?
Can I send an email without my name or hide who I am?
How long are emails kept, and should I delete them?
Should I open attachments from people I don't know?
Can I use school email for personal matters?
""",
}


# Questions no policy answers, as staff type them (pay, the wifi password, a fire drill, how to
# share a Google Doc): one a line, `#` starts a comment line. Written from what the five policies
# do not cover, each checked against all five texts.
NOT_COVERED_FILE = Path(__file__).parent / "data" / "not_covered.txt"


def not_covered(path: Path = NOT_COVERED_FILE) -> list[str]:
    """The questions written as ones no policy answers."""
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


class QuestionFileError(TutorError, ValueError):
    """A line of a written-questions file that cannot be read, with its `path:line`."""


def read_questions(path: Path) -> dict[str, list[str]]:
    """`district:section` -> the questions listed under it in one written-questions file."""
    out: dict[str, list[str]] = {}
    refs: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            refs = line.strip("[]").split()
            if not line.endswith("]") or not refs or not all(ref.count(":") == 1 for ref in refs):
                raise QuestionFileError(f"{path}:{number}: expected [district:section ...], got {line!r}")
            continue
        if not refs:
            raise QuestionFileError(f"{path}:{number}: a question before any [district:section] line")
        for ref in refs:
            out.setdefault(ref, []).append(line)
    return out


def section_asks(folder: Path = QUESTIONS_DIR) -> dict[str, list[str]]:
    """`district:section` -> the questions written for it, one string each: SECTION_ASKS, then
    the files in `folder`."""
    out: dict[str, list[str]] = {}
    for refs, block in SECTION_ASKS.items():
        questions = [line.strip() for line in block.strip().splitlines() if line.strip()]
        for ref in refs:
            out.setdefault(ref, []).extend(questions)
    for path in sorted(folder.glob("*.txt")):
        for ref, questions in read_questions(path).items():
            out.setdefault(ref, []).extend(questions)
    return out
