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

_PERSONAL_USE_CREC = """
Can I check my personal email on the school computer?
Can I text or call my family from my work laptop during lunch or a break?
Is a little personal use of the school computer allowed?
Can I do online banking or pay a bill on my work computer on my break?
How much personal stuff can I do on the district computer?
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
Can I be disciplined or fired for misusing the school computers?
""",
    ("crec:B", "thomaston:B"): """
What am I allowed to use the school computers and internet for?
Do professional conduct rules apply when I use the school network?
""",
    ("crec:intro", "thomaston:intro"): """
Who do I ask if I'm not sure something is allowed on the school computer?
Is the list of prohibited uses everything, or just examples?
Will illegal use of the computers be reported to the police?
""",
    ("crec:A",): """
Why is my access to the network different from other staff?
Why does my coworker have more access to the system than I do?
Who decides what I can get into on the school network?
Can I get access to the student information system or a shared drive?
""",
    ("crec:C",): """
Am I responsible for what happens on my account and my files?
What are examples of things I'm not allowed to do on the school computer?
""",
    ("crec:C.1",): """
Can I use the school computer for something illegal?
Can I send a harassing or threatening email to a coworker?
Can I make copies of a movie or software that breaks copyright law?
Is it against the rules to send a discriminatory joke from school email?
""",
    ("crec:C.2",): """
Can I look at porn or sexual pictures on the work computer?
Can I forward a racy or sexually suggestive meme from my school account?
Is it okay to open adult or explicit sites on the school laptop after hours?
""",
    ("crec:C.3",): """
Can I message or DM a student on social media?
Can I text a student from my phone or chat with students privately online?
Can I accept a friend request or follow request from a student?
Can I use my own social media account to keep in touch with students?
Can I send a student a personal or flirty message?
Is it okay to talk to kids in a group chat or on a gaming app?
""",
    ("crec:C.4",): """
Can I sell things or run my side business from my work computer?
Can I answer customers of my online shop on the school laptop?
Can I advertise my tutoring, crafts or products with school email?
Can I use the school computer to make money on the side?
""",
    ("crec:C.5",): """
Can I email coworkers asking them to donate to my charity or sign a petition?
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
Can I download or install an app or program on my school computer?
Can I put a free game, browser extension or music app on my classroom laptop?
Do I need permission from IT to install software?
Can I add a video editor or PDF tool to my work computer?
""",
    ("crec:C.8",): """
Should I open an email attachment from someone I don't know?
Can I forward a strange attachment or an .exe file to others?
I got an email with a file that might have a virus, what should I do with it?
""",
    ("crec:C.9",): """
Can I send an email to the whole staff or everyone in the district?
Do I need permission to send a mass email or a message to all staff?
Can I email a big list of parents and outside people at once?
""",
    ("crec:C.10",): """
Can I try to get around the network security or break into the system?
Can I use a VPN or hack past the school's security settings?
What if I do something that crashes or disrupts the network on purpose?
""",
    ("crec:C.11",): """
Can I get in trouble for damaging or breaking school computer equipment?
What if I spill coffee on or drop the school laptop?
Can I take apart or mess with the classroom projector or computer?
""",
    ("crec:C.12",): """
Can I share my password with a coworker or the substitute?
Can I log in as someone else or use a colleague's account?
Can I let a student or aide use my login?
""",
    ("crec:C.13",): """
Can I send a rude or snarky email or reply-all to coworkers?
Can I use profanity or an unprofessional tone in school email or chat?
Is it okay to post mean comments about the principal or a colleague?
""",
    ("crec:C.14",): """
Can I try to visit a blocked website?
Can I go to a site the school filter does not allow?
""",
    ("crec:C.15",): """
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
Can the school see my email, my files or the websites I visit?
Is anything private on my school computer or school email?
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
Will I have to pay for damage or losses I cause by breaking the rules?
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
Do I need to sign the acceptable use agreement before I get a login?
""",
    ("thomaston:acknowledgment-form",): """
Can I use the school computers before I sign the acknowledgment form?
What does the computer use acknowledgment form say?
""",
    # -- Clinton and Stafford -----------------------------------------------------------
    ("clinton:policy", "clinton:introduction"): """
Can I check my personal email or browse the internet on the school computer on my break?
Is a little personal use of the district computer allowed?
Can I watch videos, shop or read the news on the work laptop during lunch?
What are the district's computers, phones and tablets meant to be used for?
""",
    ("clinton:policy", "clinton:privacy"): """
By using the school computer, have I agreed to the policy?
Do I have to sign something, or does logging on count as agreeing?
""",
    ("clinton:monitoring", "clinton:policy"): """
Can the district read my email or see what I do on the school computer?
Can IT look at my messages even though my account has a password?
Can they see my Facebook or Twitter messages sent from a school device?
Can the district see my texts on the school-issued phone or tablet?
Can the superintendent stop all personal use of the computers?
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
Why does the district monitor our computers?
What is the point of watching staff email?
""",
    ("clinton:privacy",): """
My account has a password, so is my email private?
If I delete an email, is it really gone?
Is my personal use of the school computer private?
""",
    ("clinton:prohibited-uses", "stafford:prohibited-uses"): """
Can I sell things or advertise my business to coworkers with school email?
Can I send a threatening or harassing message to someone?
Can I look in other people's folders or get into systems I'm not authorized for?
Can I download, install or change software on the district computer without approval?
Can I email student records or confidential information outside the school?
Can I email a copyrighted book chapter, video or song to others?
Can I look at inappropriate or obscene pictures on the school computer?
""",
    ("clinton:electronic-communications",): """
Can I text or message students or parents from my phone?
Can I contact students through social media, a messaging app or my own account?
What rules apply to messaging students, colleagues or parents?
How should I behave when teaching remotely on Zoom, Google Meet or a learning platform?
Do professional standards apply to my texts and chats with students?
""",
    ("clinton:disciplinary-action",): """
What happens if I misuse the school computers?
Can I be fired for breaking the computer rules?
""",
    ("clinton:reporting", "stafford:reporting"): """
Who do I tell if I see someone misusing the school computers?
Who do I ask if I'm not sure something is allowed on the computer?
Someone keeps sending me harassing or threatening messages, what do I do?
Who do I report a computer problem to?
""",
    ("stafford:email-signature",): """
Do I need an email signature or a confidentiality notice on school email?
What has to be at the bottom of my school emails?
""",
    ("stafford:websites",): """
Can my school have a website, and what is it for?
What goes on the district or school website?
""",
    ("stafford:monitoring-notice",): """
Are there cameras or audio recording in the school building or on the bus?
Can the district listen to my phone calls or monitor the school phones?
Can the district monitor my smartphone when it is on the school network?
Can they monitor me without telling me if they suspect misconduct?
Are there cameras in the bathrooms or the staff lounge?
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
Can I post photos of my students with their names on the class website?
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
Can I write my password on a sticky note?
Can I let the browser remember my password?
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
What happens if I break the computer rules?
Can I lose my network access or be fired?
""",
    ("ces:administrative-guidelines",): """
Can I take an agency laptop home over the summer?
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
Do I have to tell my supervisor if I make a class website?
Can I post student photos with names on a web page?
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


def section_asks() -> dict[str, list[str]]:
    """`district:section` -> the questions written for it, one string each."""
    out: dict[str, list[str]] = {}
    for refs, block in SECTION_ASKS.items():
        questions = [line.strip() for line in block.strip().splitlines() if line.strip()]
        for ref in refs:
            out.setdefault(ref, []).extend(questions)
    return out
