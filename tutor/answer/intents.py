"""What a question asks for, read from how it is put: who acts, on what, doing what.

Some questions say plainly which kind of rule answers them, whatever the thing they
name: "who do I tell if I see a colleague looking at porn?" asks whom to report to,
not whether porn is prohibited; "my students keep messaging me on Snapchat, can I
reply?" is a teacher communicating with students, not a question about social media
accounts. Each intent is a pattern on the question and the rules of the policies
(counterparts.RULES) that can answer it. Written from what each rule is for, not from
particular questions.
"""

from __future__ import annotations

import functools
import re

from tutor.answer.counterparts import ASKED_TOGETHER_ONLY, RULES

_PRONOUN = r"(?:i|we|you|u|staff|teachers?)"
# Using or getting into the systems ("log into", "get on").
_USING = r"\b(?:use|using|log ?in(?:to)?|logging in(?:to)?|log on|sign in|get on)\b"
# A student named ("a kid", "my 7th graders"): a student's misuse, whom to tell about it.
_A_STUDENT = (r"\b(?:students?|kids?|child|children|pupils?|\w+ graders?|boy|girl|"
              # a class by its grade: "taking the 4th grade to the science center with ipads"
              r"(?:the |my |our )(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth) grade)\b")
# Whether the employer can see something ("if I delete it can they still get to it?", "can IT read my
# files?", "is my school email private?"): monitoring and privacy, not the rule on the thing named
# (deleting what breaks the rules, passwords).
_SEEING = (
    r"(?<!why )\b(?:can|could|do|does|will|would|are|is) (?:they|the district|the board|the school|the agency|admin|"
    r"administration|my admin|it|IT|tech|the tech \w+|my principal|the principal|my boss|my supervisor|anyone|"
    r"anybody|someone|somebody|hr|central office|crec|ces|c\.e\.s\.|clinton|stafford|thomaston)"
    # "does anybody at central office actually read what I write?"
    r"(?: (?:at|in|from) (?:central office|the district|the board|the office|the school|IT|tech|hr))?"
    r" (?:still |actually |really |ever )?(?:be able to )?(?:see|read|look at|pull (?:it |them |that |those )?up|"
    r"dig (?:it |them |that |those )?up|recover|retrieve|get (?:it|them|that|those) back|"
    # "get to" what is one's, not "get to" do something ("does my boss get to cut off personal use?")
    r"get to(?= (?:my|the|our|your|their|his|her|it|them|what|whatever|everything|anything|all|any|those|these|"
    r"this|that)\b)|get into|go into|find|view|access|track|check|go through|"
    # not what it is done for ("does the district monitor for copyright stuff?": why they monitor)
    r"monitor|snoop|look through|watching|reading|looking|tracking|monitoring|allowed to (?:see|read|look))\b(?! for\b)"
    r"|\b(?:is|are) (?:it|that|this|they|my [\w ]{1,45}?) (?:still |actually |really |totally |completely )?private\b"
    r"|\bmy [\w ]{1,25}? (?:is|are) (?:still |actually |really |totally |completely )?private\b"
    # "are the google drive files on my school account private?"
    r"|\b(?:is|are) the [\w ]{1,30}? (?:on|in) (?:my|our) [\w -]{1,30}? (?:still |actually |really )?private\b"
    # "are text messages on my district-issued phone monitored?"; not students' use, which they supervise
    r"|\b(?:is|are) (?!(?:the |my |our )?(?:students?|kids?|children|pupils)\b)[\w' -]{1,50}? "
    r"(?:monitored|tracked|logged|watched)\W*$"
    # "the tech guy remoted into my computer while i was using it"
    r"|\b(?:remoted|remotes|remoting|remote|remotely logged|remotely accessed|remoted in) (?:in ?to|on ?to|in)\b"
    # what one deleted got back: "can emails I deleted still be recovered and read"
    r"|\bdeleted\b[^.?!]{0,40}?\b(?:still )?be (?:recovered|retrieved|restored|read|seen|dug up)\b"
    # "does incognito mode hide my browsing from the district?"
    r"|\bhid(?:e|es|ing|den)\b[\w ]{0,30}? from (?:the district|the school|the board|the agency|IT|tech|admin\w*|"
    r"my principal|the principal|my boss|my supervisor|central office|crec|ces|clinton|stafford|thomaston)\b"
    # "any privacy on a school-issued laptop I take home?"
    r"|^\W*(?:is there |do (?:i|we) (?:get|have) )?any privacy\b"
    # "is anything I do on the work computer actually private?", "is any of that private?"
    r"|\b(?:is|are) (?:anything|everything|any of (?:it|that|this|them|my \w+)|what (?:i|we) do)\b[^.!?]{0,50}?"
    r"\b(?:private|confidential)\b"
    # what the monitoring reaches: "does the monitoring cover my district iPhone too?"
    r"|\b(?:does|do|will|would) (?:the |their |that |this )?(?:monitoring|tracking) (?:\w+ )?(?:cover|apply to|include|"
    r"extend to|reach)\b"
    # done by someone in charge: "admin opening my files on the shared drive without asking me, are they allowed to?"
    r"|\b(?:principal|admin\w*|boss|supervisor|superintendent|district|IT|tech)\b (?:\w+ )?(?:opening|reading|"
    r"going through|looking at|looking through|checking|accessing|searching) (?:my|our|the|staff|teachers?'?)\b"
    # "is the superintendent's office allowed to look at what websites i visit"
    r"|\b(?:principal|admin\w*|boss|supervisor|superintendent|district|IT|office)(?:'s office)?\b[^.?!]{0,20}?"
    r"\b(?:allowed|permitted) to (?:see|look at|read|check|track|monitor|go through|view)\b"
    # said of someone in charge: "principal says she can pull up my browser history, is that allowed?"
    r"|\b(?:principal|admin\w*|boss|supervisor|superintendent|district|IT)\b[^.?!]{0,30}?\b(?:can|could|is able to) "
    r"(?:\w+ )?(?:pull up|see|read|look at|look through|go through|access|track|monitor)\b"
    r"(?=[^!]*(?:\?|\b(?:allowed|legal|ok|okay|right|true|really)\b))"
    # "is my school email readable by the district?"
    r"|\b(?:readable|viewable|visible|accessible|searchable|monitored|tracked) (?:by|to) (?:the |my )?(?:district|school|"
    r"board|agency|admin\w*|it|principal|boss|supervisor|anyone|them)\b"
    # put as a statement with a question mark: "IT can see my browsing history?"
    r"|\b(?:they|the district|the board|the school unit|the school|the agency|central office|IT|admin|my principal|"
    r"the principal|my boss|anyone|tech|the tech \w+|tech (?:office|department|dept|people|guys)) can "
    r"(?:still |actually |really )?(?:see|read|look at|get to|view|access|track|monitor|go through)\b[^.!?]*\?"
)
# A question mark, or a word asking about a rule: a troubling message told of with neither is told and no more.
_ASKS_A_RULE = r"\?|\b(?:trouble|allowed|against|ok|okay|policy|rules?|legal|fine)\b"
# One's own phone, tablet or laptop joined to the school's network ("hooked my personal ipad to the school wifi").
_OWN_DEVICE_ON_THE_NETWORK = (
    r"\b(?:my|our) (?:own |personal |private )(?:\w+ )?(?:phones?|cell ?phones?|cells?|iphones?|androids?|ipads?|"
    r"tablets?|laptops?|macbooks?|devices?|computers?)\b[^.!?]{0,80}?\b(?:wi-?fi|wireless|network|guest network)\b"
    r"|\b(?:wi-?fi|wireless|network)\b[^.!?]{0,40}?\b(?:my|our) (?:own |personal |private )(?:\w+ )?(?:phones?|"
    r"cell ?phones?|iphones?|androids?|ipads?|tablets?|laptops?|macbooks?|devices?|computers?)\b"
)
# The students gone, said of when something is done ("after the kids go home"), not of whom it concerns.
_STUDENTS_GONE = r"(?:go home|have gone home|leave|have left|left|are gone|went home)"
# Asking what to do about something ("what am I supposed to do?", "now what?"), not what a plan needs first.
_WHAT_TO_DO = (r"\bwhat (?:do|should|would|must|am|are) (?:i|we|teachers|staff) (?:supposed to |meant to |expected to |have to |"
               r"need to )?(?:be )?(?:do|doing)\b(?! first| wrong)|\b(?:what now|now what)\b"
               # "caught a student sending something inappropriate, whats my move?", "... next step?"
               r"|\bwhat(?:'s|s| is) (?:my|the) (?:move|next move|next step)\b|\bnext steps?\W*$")
# The words that may follow the students messaged ("text my students about the game", "dm a kid on
# instagram", "send my players reminders"). Any other word makes the question one about what is sent or
# whose it is: "email a students IEP", "my kids daycare", "email my students a scanned chapter".
_AFTER_MESSAGED = ("to|about|on|from|after|at|with|and|or|that|who|if|when|over|through|in|outside|directly|"
                   "privately|back|for|during|before|while|so|because|but|is|are|was|were|anymore|again|late|"
                   "my|his|her|their|via|using|now|still|every|each|tonight|sometimes|all|ever|right|just|any|"
                   "some|like|what|how|can|should|would|i|it|without|unless|once|too|also|as|whenever|until|"
                   "even|personally|individually|one|whose|where|"
                   "inappropriate|stuff|things|messages|reminders|updates|memes|something|anything")
# How a teacher messaging students, or students messaging the teacher, is put (the intents below).
_MESSAGING_STUDENTS = (
    r"\b(?:message|messaging|text|texting|dm|dming|chat|chatting|snapchat|snap|friend|friending|follow|following|"
    r"add|adding|email|emailing|call|calling|facetime)\w* (?:with )?(?:my |a |the |our |one of my )?"
    r"(?:students?|kids|a kid|pupils?|minors?|\w+ graders?|former students?|players?|athletes?)\b(?!'s)"
    # "email a students IEP", "my kids pediatrician": a student's (or the asker's child's) thing is
    # what is sent or whom it is sent to, not the student being messaged.
    rf"(?! (?!(?:{_AFTER_MESSAGED})\b)[a-z0-9])"
    r"|\b(?:students?|kids?|pupils?|\w+ graders?|players?|athletes?) (?:keeps? |always |sometimes |often )?(?:private |privately |direct )?"
    r"(?:message|messages|messaging|text|texts|texting|dm|dms|snapchat|snap|snaps|friend|friended|follow|followed|"
    r"add|added|email|emails|emailed|chat|call|calls)\w* me\b"
)
INTENTS: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {
    # Whom to tell: the reporting rules, whom to ask, and the duty to students.
    "whom to tell": (
        re.compile(
            rf"\bwho(?:m)?(?: else)?(?: (?:at|in) (?:crec|ces|c\.e\.s\.|clinton|stafford|thomaston|the district|"
            rf"central office|the office|my school|my building))? (?:do|should|would|can|could|am|are|must) {_PRONOUN} (?:\w+ )?"
            r"(?:supposed to |meant to |have to |need to )?(?:tell|report|notify|inform|contact|call|alert|flag|let know|talk to|speak to|check with|go to|ask(?! whether| about| what| how| when(?! (?:(?:i|we) (?:don'?t|dont|do not|am not|aren'?t|arent|are not)|i'?m not|we'?re not)\b)| why| if (?!i\b|i'm\b|we\b)))\b"
            r"|\bwho(?:m)? (?:to|should i|do i) (?:tell|report|notify|inform|contact)\b"
            r"|\b(?:who|where) (?:does|do|should) (?:it|this|that|something like (?:this|that)) (?:get )?(?:reported|go)\b"
            r"|\breport (?:it|this|that|them|him|her) to\b"
            # "my chromebook keeps freezing, where do i report problems like that?"
            r"|\bwhere (?:do|should|can|would) (?:i|we) report\b"
            # "he's above me. report it anyway?", "who gets that report?"
            r"|\breport (?:it|this|that|them|him|her) (?:anyway|or not|or no|or let it go)\b"
            r"|\bwho (?:gets|receives|should get|handles) (?:that|this|the|my) report\b"
            # "is there somewhere I'm supposed to report that?"
            r"|\b(?:somewhere|someone|somebody|anyone|anybody|someplace) (?:specific |in particular )?(?:i'?m|im|i am|we'?re|"
            r"we are|i|we) (?:supposed to |meant to |required to |should |have to |need to |can )?(?:be )?"
            r"(?:report|reporting|tell|telling|send|sending)\b"
            # "where do I go with this?", "where do I take this?"
            r"|\bwhere (?:do|should|can|would) (?:i|we) (?:go|turn) with (?:this|that|it)\b"
            # "report to who?", "should I say something, and to who?"
            r"|\breport(?:ed|ing)? (?:it |this |that |them |him |her )?to who(?:m)?\b|\band (?:to )?who(?:m)?\s*[?.!]*$"
            # "who needs to know?", "who should be told?"
            r"|\bwho (?:else )?(?:needs|has|ought|should|must|would need) (?:to )?(?:know|be told|hear about (?:it|this|that))\b"
            r"(?! (?:the|my|our|how|what|which|where|when|a|an)\b)"
            r"|\bwho (?:handles|deals with|takes care of|answers) (?:that|this|it|something like (?:this|that)|questions)\b"
            # "who gets told?", "who's supposed to hear about it?"
            r"|\bwho (?:gets|should get|needs to get|has to get|must get) (?:told|notified|informed)\b"
            r"|\bwho(?:'s| is|s) supposed to (?:hear about|know about|be told|find out)\b"
            r"|\bwho(?:'s| is|s) the (?:right )?(?:person|one) (?:to (?:go to|ask|talk to|check with)|i (?:go to|ask|talk to))\b"
            # "unsure whether something is allowed, is there a person to check with?"
            r"|\bis there (?:a|any|some) ?(?:\w+ )?(?:person|one|body|office) (?:i |we )?(?:can |should |could )?(?:to )?"
            r"(?:go to|ask|talk to|check with|speak to)\b"
            r"|\b(?:should|do|must|need to|have to) (?:i|we) (?:tell|report|notify|inform) (?:someone|somebody|anyone|anybody)\b"
            # "do I have to say anything?", "am I supposed to tell?", "should I report it?"
            r"|\b(?:should|do|must) (?:i|we) (?:have to |need to )?(?:say|tell|report|mention) "
            r"(?:something|anything|it|this|that|him|her|them)\b"
            r"|\b(?:am|are) (?:i|we) (?:supposed|meant|required|obligated) to (?:tell|report|say)\b",
            re.I),
        ("reporting problems and misuse", "whom to ask", "supervising students"),
    ),
    # A teacher messaging students, or students messaging the teacher: communication with students.
    "messaging students": (re.compile(_MESSAGING_STUDENTS, re.I),
                           ("communication with students", "professional conduct in messages")),
    # ... and how to go about it ("any guidance on messaging students during remote learning?", "do I need to
    # be careful how I message kids?"): within the policies (WITHIN_THE_POLICIES), unlike an everyday errand
    # (texting players about the bus).
    "going about messaging students": (
        re.compile(rf"^(?=.*(?:{_MESSAGING_STUDENTS}))(?=.*\b(?:guidance|guidelines?|careful|expectations?|expected|"
                   r"rules?|appropriate|inappropriate|professional|boundaries|policy)\b)", re.I | re.S),
        ("communication with students", "professional conduct in messages"),
    ),
    # A student doing something on a device, and the staff member asking what to do about it ("a kid
    # showed me something sexual on his chromebook, what am I supposed to do?"): the duty to supervise
    # students and to report, not the rule the student broke.
    "a student's misuse": (
        re.compile(
            rf"^(?=.*{_A_STUDENT})"
            rf"(?=.*(?:{_WHAT_TO_DO}"
            r"|\bwhat(?:'s|s| is) my (?:role|responsibility|job)\b|\b(?:is it|is that|isn'?t it|isnt it) (?:\w+ )?my job\b"
            # "what are my responsibilities when kids are on the computers?", "what am I responsible for with kids
            # on video calls?"
            r"|\bwhat are my (?:responsibilities|duties)\b|\bwhat (?:am i|are we) (?:\w+ )?responsible for\b"
            # "if the class is using laptops am I in charge of watching them?"
            r"|\b(?:am|are) (?:i|we) (?:\w+ )?in charge of (?:watching|supervising|monitoring|checking)\b"
            r"|\b(?:am|was|are|were) (?:i|we) (?:actually |really )?(?:supposed|meant|expected|required) to (?:be )?"
            r"(?:stop|deal|handle|do|intervene|watch\w*|step in|monitor\w*|check\w*|keep\w* an eye|polic\w*)\b"
            r"|\bwhat (?:am|are) (?:i|we) (?:actually |really )?on the hook for\b"
            r"|\bhow (?:should|do|would) (?:i|we) (?:handle|deal with|respond)\b"
            r"|\b(?:is|was) (?:it|that) on me\b"
            # "do I stop it myself or send him to the office?"
            r"|\b(?:do|should) (?:i|we) (?:just )?(?:stop|handle|deal with) (?:it|this|that|him|her|them)(?: myself)?\b"
            r"|\bdo (?:i|we) (?:just )?(?:let it go|ignore it|close it|deal with it|handle it)\b"
            # "am I responsible for what the kids do on the chromebooks?", "do I actually have to be in the room
            # when they're on the laptops?", "is keeping them on task part of my job?"
            r"|^(?!.*\b(?:logins?|logs? in|logged in|logging in|signs? in|signed in|accounts?|passwords?|credentials)\b)"
            r".*\b(?:am|are) (?:i|we) (?:\w+ )?responsible for (?:what|whatever|how)\b"
            r"|\bdo (?:i|we) (?:\w+ )?(?:have|need|got) to (?:\w+ )?(?:supervise|watch(?! for| out)|monitor|be in the room|"
            r"stay in the room|keep an eye|check on)\b"
            r"|\bpart of my job\b))",
            re.I | re.S),
        ("supervising students", "reporting problems and misuse"),
    ),
    # Something troubling sent to the asker or come across, and what to do with it ("got a threatening
    # email from someone I don't know, what do I do?", "should I just delete it?"): the rules on
    # reporting, not the prohibition the sender broke.
    "something troubling received": (
        re.compile(
            r"^(?=.*\b(?:threat\w*|harass\w*|creepy|crude|disturbing|scary|nasty|explicit|obscene|bully\w*|"
            r"suspicious|phishing|scam\w*|offensive|racist|sexist|vulgar)\b)"
            rf"(?=.*(?:{_WHAT_TO_DO}"
            r"|\bshould (?:i|we) (?:just )?(?:delete|ignore)\b"
            r"|\bdo (?:i|we) (?:just )?(?:have to )?(?:just )?(?:delete|ignore|put up|live with|let it (?:go|slide))\b"
            r"|\b(?:don'?t|dont|do not) want to make (?:a |it a )?(?:fuss|big deal|scene|thing)\b"
            # "getting harassing emails from a coworker, what are my options?", "what happens if I get a harassing
            # message?"
            r"|\bwhat are my options\b|\bwhat happens (?:if|when) (?:i|we) (?:get|receive)\b"
            # told and no more ("got a threatening email from a parent last night"): what to do is what is asked
            rf"|^\W*(?:i |i'?ve |we )?(?:just |also )?(?:got|received|been getting|been receiving|getting|keep getting)\b"
            rf"(?!.*(?:{_ASKS_A_RULE}))"
            # "my ex keeps sending harassing stuff to my school address"
            rf"|^(?!.*(?:{_ASKS_A_RULE}|\b(?:can|could|should|may|do|must) (?:i|we)\b))"
            r".*\b(?:keeps?|kept|has been|have been) (?:sending|emailing|e-mailing|messaging|texting|dming)\b))",
            re.I | re.S),
        ("reporting problems and misuse",),
    ),
    # Posting on social networking sites ("can I post a rant about my principal on Facebook from my
    # school laptop?"): the rule on social networking where a policy states one, not monitoring or the
    # rule on personal online accounts the site's name suggests.
    "posting on social media": (
        re.compile(
            r"^(?!.*\b(?:passwords?|logins?|log into|log in|pull up|in front of|monitor\w*|watch\w*|see|look|"
            r"accounts?|ask for|demand)\b)"
            r"(?=.*\b(?:facebook|twitter|tweet\w*|instagram|tiktok|linkedin|myspace|social media|social networking)\b)"
            r"(?:(?=.*\b(?:post|posts|posting|posted|tweet\w*|rant\w*|vent\w*|go on|going on|get on|be on)\b)"
            r"(?=.*\b(?:school|district|work|classroom|office|class|staff room) (?:computers?|chromebooks?|laptops?|ipads?|"
            r"desktops?|wifi|network|pcs?|devices?|email)\b)"
            # or asked of the rules ("what's the rule on Facebook?", "which policy covers tweeting about work?")
            r"|(?=.*\b(?:what(?:'s| is|s) the rule|which (?:policy|rule)|policy (?:say|says)|anything in the (?:\w+ )?policy|"
            r"rules? (?:on|about|for))\b))",
            re.I | re.S),
        ("social networking",),
    ),
    # Getting into what is someone else's ("found the admin login for the gradebook, can I use it?",
    # "can I look around in the principal's folder?"): the rule on unauthorized access.
    "getting into what is not theirs": (
        re.compile(
            r"^(?!.*\b(?:why|personal|sticky|my own)\b)"
            r"(?=.*\b(?:get into|getting into|(?<!someone )(?<!somebody )got into|gets into|get in|look around|poke around|poking around|"
            r"poked around|snoop\w*|"
            r"dig through|"
            r"go through|logging in|log in|logging into|log into|logged into|use it|use them)\b)"
            r"(?=.*\b(?:(?:admin|administrator) (?:login|password|page|account|server|side|folder|drive)s?|"
            r"principal'?s (?:\w+ )?(?:folder|files|drive|email|account|computer)s?|"
            r"other (?:people|teachers|staff)'?s? (?:folders?|files|accounts?|email)|payroll|salar\w+|personnel files)\b)",
            re.I | re.S),
        ("unauthorized access",),
    ),
    # Why one cannot get into what others can, or who decides it ("why can't I get into PowerSchool when
    # my teammate can?"): the rule on who is given access, not the rules on the systems named.
    "who gets access": (
        re.compile(
            r"\bwhy (?:can't|cant|can not|cannot|don't|dont|do i not|does (?:she|he|my \w+)|doesn'?t (?:my (?:\w+ )?\w+|she|he)) "
            r"(?:i |we |aides |paras |subs |"
            r"substitutes |teachers |staff |secretaries |nurses |coaches )?(?:get into|get in|access|log into|have access|get to|see)\b"
            r"|\b(?:more|less|different|the same) (?:network |system |computer )?(?:access|acess)\b"
            # "why do I only have access to some programs?", "why does the office get access to what I can't?",
            # "how come my login doesn't get me into as much?"
            r"|\bwhy (?:do|does|can) (?:i|we|my (?:\w+ )?\w+) only (?:have access|get into|get in|access|see)\b"
            r"|\bwhy (?:does|do|can) [\w ]{1,25}? (?:get|have|has) (?:access|into)\b[^.?!]{0,40}?\b(?:i|we) "
            r"(?:can't|cant|cannot|can not|don't|dont)\b"
            # "why can the business office open programs that I can't?"
            r"|\bwhy (?:does|do|can) [\w ]{1,25}? (?:open|see|use|get into|access)\b[^.?!]{0,40}?\b(?:i|we) "
            r"(?:can't|cant|cannot|can not|don't|dont)\b"
            r"|\bhow come (?:i|we|my [\w ]{1,20}?) (?:can't|cant|cannot|can not|don't|dont|doesn't|doesnt) "
            r"(?:get me |let me )?(?:get into|into|get in|access|have access|see)\b"
            r"|\bwho decides (?:what|who|which)\b[\w ]{0,50}?\b(?:get into|access|see)\b",
            re.I),
        ("who gets access",),
    ),
    # Why the employer monitors at all ("why does the district even monitor our computers?"): the reasons
    # Clinton's and Stafford's regulations give, not what is monitored.
    "why they monitor": (
        re.compile(r"\bwhy (?:does|do|would|is|are|should) (?:the district|the board|the school|the agency|they|it|IT|tech|"
                   r"admin|administration|crec|ces|clinton|stafford|thomaston|my principal|the principal|hr|the town) "
                   r"(?:even |actually |bother to |need to |have to |want to )?"
                   r"(?:monitor\w*|track\w*|watch\w*|keep tabs)\b"
                   # what it monitors for: "does the district monitor for copyright stuff?"
                   r"|\b(?:monitor|monitors|monitoring|track|tracks|tracking|watch|watches|watching) (?:us |staff |"
                   r"our \w+ |the \w+ )?for (?:copyright|pira\w+|illegal|viruses|security|hack\w*|misuse|abuse|porn\w*|"
                   r"inappropriate|violations?)\b"
                   r"|\bwhat(?:'s| is|s) the (?:point|reason) "
                   r"(?:of|for|behind) (?:all )?(?:the |this |that |their )?(?:\w+ )?(?:monitoring|tracking)\b", re.I),
        ("why the district monitors",),
    ),
    # What a password is for when the employer can get past it ("what's the point of my password if IT can
    # get around it?"): Clinton's and Stafford's word that passwords give the system security, not the user
    # privacy (with CREC's and Thomaston's monitoring); not what the monitoring covers.
    "what passwords are for": (
        re.compile(r"\b(?:point|purpose) of (?:even )?(?:having )?(?:a |my |our |the |these |individual |personal )?"
                   r"passwords?\b"
                   r"|\bwhat(?:'s|s| is| are) (?:my |our |the |a |these )?passwords? (?:even |really |actually |supposed to be )?"
                   r"for(?:\s*[?.!,]|\s+(?:if|when|then|anyway)\b|\s*$)"
                   r"|\bwhy (?:do|would|should) (?:i|we) (?:even |bother )?(?:have|having|need|use) (?:a |my |our )?"
                   r"passwords? (?:at all|if|when)\b"
                   # "does having my own password mean what's on my account is private?"
                   r"|\b(?:does|do|will|doesn'?t) (?:having |setting |using )?(?:my own |a |my |our )?passwords? "
                   r"(?:\w+ ){0,3}(?:mean|make|keep|protect)\b[^.?!]{0,50}?\b(?:private|privacy|out|away|nobody|"
                   r"no one|no-one)\b"
                   # "my password keeps my files safe from the principal, right?"
                   r"|\bmy passwords? (?:keeps?|protects?|makes?)\b[^.?!]{0,40}?\b(?:safe|private|out)\b[^.?!]{0,10}?"
                   r"\bfrom (?:the |my |our )?(?:principal|admin\w*|district|board|boss|supervisor|it|tech\w*|school)\b"
                   # "isn't my password supposed to keep admin out of my account?"
                   # "if i set my own password can the IT coordinator still get into my stuff?"
                   r"|\b(?:if|when|since|because|even though|though) (?:i|we) (?:set|choose|chose|pick|picked|make|made|"
                   r"created?) (?:my|our) own passwords?\b"
                   # "admin can get into my account even though it has a password?"
                   r"|\b(?:even though|although|though|but|when|if) (?:it|my account|my email|i) (?:has|have|had) (?:a |my )?"
                   r"passwords?\b"
                   # "IT can get into my account without knowing my password??"
                   r"|\b(?:get|gets|getting|go|goes) into (?:my|our) (?:\w+ )?(?:account|email|e-mail|files|stuff|computer|"
                   r"laptop)s? (?:even )?without (?:knowing |having |needing |asking for )?(?:my|our|the) passwords?\b"
                   r"|\bpasswords? (?:\w+ ){0,2}keeps? (?:the |my |our )?(?:principal|admin\w*|district|board|boss|"
                   r"supervisor|it|tech\w*|school|them|people) out\b",
                   re.I),
        ("what passwords are for",),
    ),
    # Using the systems once one's own access is turned off ("they turned off my account while I'm on leave, can
    # I still log in from home?"): CREC's and Thomaston's rule on using them after access is denied or revoked,
    # not the rule on passwords and accounts the login suggests.
    "access turned off": (
        re.compile(r"^(?=.*\b(?:my|our|his|her|their)\b[\w ]{0,20}?\b(?:account|accounts|access|login|logins|"
                   r"network access|privileges)\b)"
                   r"(?=.*\b(?:turned off|shut off|switched off|suspended|disabled|deactivated|revoked|cut off|"
                   r"taken away|(?:got|was|been|get) pulled)\b)"
                   # one who has left: "resigned last month but still remember my password, ok to log in for my old plans?"
                   r"|^(?=\W*(?:i |i've |ive |i have |just )?(?:resigned|retired|quit)\b"
                   r"|.*\b(?:i|i've|ive|i have) (?:\w+ )?(?:resigned|retired|quit|left the district|left crec|left ces)\b)"
                   r"(?=.*\b(?:log\w* (?:in|on|back)|sign\w* (?:in|on|back)|still (?:remember|know|have|works?))\b)",
                   re.I | re.S),
        ("using the systems after access is revoked",),
    ),
    # What is not allowed, asked as a whole ("what kinds of things are off limits on the district computers?",
    # "what counts as inappropriate use?"): the list of prohibited uses, not whom to tell or personal use.
    "what is not allowed": (
        re.compile(r"\bwhat(?:(?:'s|s)\b| (?:kinds? of |sorts? of |types? of )?(?:things? |stuff |uses? |sites |activities )?"
                   r"(?:is|are|counts? as|would count as|is considered|are considered)) (?:\w+ )?"
                   r"(?:off[- ]limits|not allowed|prohibited|banned|forbidden|inappropriate|unacceptable|"
                   r"against the rules|misuse)\b", re.I),
        ("what is not allowed",),
    ),
    # Installing something ("can I install a chrome extension without checking with anyone?"): the rule on
    # installing software, whatever else the question names (the laptop, the asker's privacy). Not
    # downloading: what staff download (a movie, a textbook PDF, songs) is mostly a matter of copyright.
    "installing": (
        re.compile(r"\binstall(?:s|ing|ed)?\b"
                   # "can I put a free screen recorder on the district laptop?"
                   # "put zoom on the library computer myself"
                   r"|\b(?:put|putting|load|loading|stick|add|adding) (?:zoom|skype|dropbox|spotify|steam|discord|"
                   r"minecraft|roblox|fortnite|chrome|firefox|itunes|vlc|audacity|teamviewer|anydesk) (?:on|onto)\b"
                   r"|\b(?:put|putting|load|loading|stick|add|adding)\b[\w -]{0,30}?\b(?:apps?|programs?|software|"
                   r"extensions?|add-?ons?|plug-?ins?|recorder|editor|reader|player|browser)\b[\w -]{0,20}?\b(?:on|onto)\b",
                   re.I),
        ("installing software",),
    ),
    # Students making web pages of their own ("my students want to build their own websites for a project,
    # what's my role?"): C.E.S.'s web-site guidelines (a teacher guides and reviews them, the principal allows
    # posting), not the duty to supervise students online or the rule on publishing their names.
    "students' own web sites": (
        re.compile(
            r"\b(?:students?|kids|pupils|\w+ graders|class|club)(?:'s?)? (?:(?:want|wants|would like|are going|get|"
            r"have|need|plan|planning|are supposed) to |are |will |will be |keep |)"
            r"(?:make|making|build|building|create|creating|start|starting|set up|setting up|design|designing|"
            r"publish|publishing|post|posting|put up|putting up|run|running|launch|launching)\b"
            r"[\w' ]{0,25}?\b(?:web ?sites?|web ?pages?|blogs?|sites)\b"
            r"|\bstudent(?:s'?|'s)? (?:own )?(?:web ?sites?|web ?pages?|blogs?)\b",
            re.I),
        ("students' web sites",),
    ),
    # Whether e-mail is kept or deleted by the system ("do old emails get auto deleted after a while?", "why
    # do my old emails keep disappearing?"): C.E.S.'s guideline that e-mail files are purged at least every
    # 30 days. Not the asker deleting mail (monitoring and privacy).
    "e-mail kept or purged": (
        re.compile(
            r"^(?=.*\b(?:e-?mails?|inbox|mailbox|messages)\b)(?!.*\baccounts?\b)"
            r"(?=.*(?:\bauto(?:matically)?[- ]?(?:delet|purg|eras|clear|remov)\w*"
            r"|\bpurg\w*|\b(?:disappear|vanish)\w*"
            r"|\b(?:get|gets|getting|got|be|being|are|is) (?:automatically |auto |ever )?(?:deleted|wiped|erased|cleared|"
            r"removed|purged)\b(?! by me| e-?mails?\b| messages\b| files\b)"
            r"|\bhow long (?:do|does|will|are|is|can)\b[^.?!]{0,40}?\b(?:kept|keep|stay|stays|saved|stored|retained|"
            r"last|around)\b"
            # "deleted emails - kept somewhere, and for how long?"
            r"|\b(?:kept|stored|saved|retained)\b[^.?!]{0,40}?\bhow long\b"
            # "any rule about how long to keep old emails"
            r"|\bhow long (?:to|we should|i should|should i|should we|must we|do we have to|do i have to) (?:keep|save|"
            r"hold on to|store|retain)\b))",
            re.I | re.S),
        ("e-mail kept or purged",),
    ),
    # One's own phone or laptop on the school's wifi ("connected my own phone to the school wifi, can they see
    # what I do on it?", "do the computer rules apply to my own ipad on the school network?"): the Board may
    # monitor the devices that reach its systems (Clinton's and Stafford's "Monitoring"), not what it may ask
    # of personal online accounts.
    "one's own device on the network": (
        re.compile(rf"^(?=.*{_OWN_DEVICE_ON_THE_NETWORK})(?=.*(?:{_SEEING}|\b(?:monitor\w*|track\w*|"
                   r"(?:rules?|polic\w+) (?:still )?(?:apply|applies|cover\w*)|private|counts? as)\b))", re.I | re.S),
        ("monitoring devices on the network",),
    ),
    # Keeping one's own password safe ("wrote my password on a post-it, bad idea?", "ok to let chrome remember my
    # password?"): C.E.S.'s network security procedures say where a written password is kept and forbid the
    # browser's "remember password". Not a password found or someone else's (using it, reporting it).
    "keeping one's password safe": (
        re.compile(
            r"^(?!.*\b(?:found|saw|see|seen|noticed|admin|principal'?s|teacher'?s|her|his|someone'?s|somebody'?s|"
            r"coworker'?s|co-worker'?s|their|others'?|log in|logging|logged|use it|using it|share|sharing|shared|give|"
            r"gave)\b)"
            r"(?=.*\bmy (?:\w+ )?(?:passwords?|login info|login details|credentials)\b|.*\bpasswords? (?:down|on a (?:post|sticky))\b)"
            # "emailing my login info to myself so i dont forget it"
            r"(?=.*\b(?:e-?mail\w* (?:my |the )?(?:\w+ )?(?:passwords?|login|credentials)|writ\w*|wrote|jot\w*|post-?its?|post its?|sticky|stickies|notebook|word doc|excel|spreadsheet|"
            r"chrome|firefox|browser|safari|edge|(?:save|saved|saving|remember\w*|stor\w*) (?:all )?(?:my )?(?:\w+ )?"
            r"passwords?)\b)",
            re.I | re.S),
        ("keeping a password safe",),
    ),
    # In trouble only for receiving something improper ("someone forwarded me a vulgar joke, am I in trouble just
    # for getting it?"): Clinton's and Stafford's urging to report an improper message received, and their list
    # of prohibited uses; not the discipline.
    "in trouble for receiving": (
        re.compile(
            r"\b(?:in trouble|get in trouble|against the rules|against policy|a violation|punished|disciplined)\b"
            r"[^.?!]{0,30}?\b(?:just )?(?:for|by|from) (?:just )?(?:getting|receiving|recieving|recieveing|having received|"
            r"being sent)\b"
            r"|\b(?:is|was) (?:just |simply |merely )?(?:getting|receiving|recieving) (?:it|that|this|one|them|those|something)\b"
            r"[^.?!]{0,20}?\b(?:against|a violation|allowed|a problem|breaking)\b",
            re.I),
        ("receiving improper messages",),
    ),
    # Downloading or ripping a film, a video or music ("downloading a youtube video and putting it in my slides
    # for class - allowed?"): the rule on copyright, not the one on installing software. Not who pays if it goes
    # wrong (charges and costs), nor an app or program that does it.
    "copying films and music": (
        re.compile(
            r"^(?!.*\b(?:pay|pays|paid|fined?|fines|sued?|sues|suing|lawsuit|back me up|cover\w*|responsible|letter|"
            r"notice|complaint|label|studio|editor|apps?|software|programs?|install\w*|extension|caught|trouble|"
            r"spotify|pandora|itunes|apple music|amazon music)\b)"
            # (the copy room is a place: "copy room printer wont show up on my laptop")
            r".*\b(?:download\w*|rip|rips|ripp\w*|torrent\w*|copy(?! room| machine| center| paper)|copies|copied|copying|"
            r"burn\w*|grab\w*)\b[^.?!]{0,40}?"
            r"\b(?:youtube|videos?|movies?|films?|songs?|music|mp3s?|clips?|episodes?|dvds?|shows?)\b"
            # a whole film put where others get it: "uploading a full movie to the shared drive"
            r"|\b(?:upload\w*|post\w*|shar\w*|put\w*)\b (?:a |the )?(?:full|whole|entire|complete) (?:movie|film|dvd|"
            r"album|season)s?\b",
            re.I | re.S),
        ("copyright",),
    ),
    # Dangerous information come across ("came across a website with bomb making instructions", "found a post
    # threatening the school"): C.E.S.'s rule to notify the appropriate school authority, the only one naming it.
    "dangerous information found": (
        re.compile(r"\b(?:bombs?|explosives?|weapons?|guns?)\b[^.?!]{0,30}?\b(?:instructions?|making|make|build|building|"
                   r"recipes?)\b|\b(?:bomb|explosives?|weapon)[- ]making\b"
                   r"|\b(?:post|message|site|website|video|comment)\b[^.?!]{0,20}?\bthreatening (?:to \w+ )?(?:the|our|a) "
                   r"(?:school|building|staff|teacher|class)\b"
                   # "found what looks like a hit list in a student's shared doc"
                   r"|\bhit ?lists?\b|\bkill ?lists?\b",
                   re.I),
        ("dangerous information",),
    ),
    # Sharing copies of a work one bought ("bought a unit on teachers pay teachers, thinking of sending the files to
    # my grade team"): the rules on copyright.
    "sharing a work one bought": (
        re.compile(r"^(?=.*\b(?:bought|purchased|paid for) (?:a |an |the |this |that |my )?(?:\w+ ){0,3}(?:units?|workbooks?|"
                   r"books?|lessons?|lesson plans?|curriculum|worksheets?|pdfs?|e-?books?|novels?|activit(?:y|ies)|packets?|"
                   r"printables?)\b"
                   # "sending a copy of an ebook I bought to a colleague"
                   r"|.*\b(?:units?|workbooks?|books?|e-?books?|pdfs?|novels?|worksheets?|packets?|curriculum) (?:that )?(?:i|we) "
                   r"(?:bought|purchased|paid for)\b)"
                   r"(?=.*\b(?:send\w*|shar\w*|e-?mail\w*|forward\w*|cop(?:y|ies|ying)|post\w*|upload\w*|distribut\w*|"
                   r"give|giving|pass\w* (?:it|them) (?:on|out|around))\b)", re.I | re.S),
        ("copyright",),
    ),
    # One's own opinion sent as the employer's ("signed a group email 'Thomaston Public Schools' but it was my own
    # opinion on the budget vote", "email the paper about the vote and sign it with my job title"): CREC's and
    # Thomaston's C.6, personal views presented as official ones.
    "personal views as official": (
        re.compile(r"^(?=.*\b(?:opinions?|views?|(?:my|personal) (?:own )?(?:position|stance|take)|slamming|bashing|"
                   r"criticiz\w*|criticis\w*|ranting about|endorsing)\b)"
                   r"(?=.*(?:\bsign\w* (?:it |them )?(?:with|as)\b|\bjob title\b|\bschool(?:'s)? name\b|\bofficial (?:position|"
                   r"view|stance|statement)\b|\bon behalf of\b|\brepresent\w*\b|\bspeak\w* for\b|\bmistaken for\b"
                   r"|\b(?:crec|thomaston|the district|the school)(?:'s)? (?:position|name|views?)\b|public schools'"
                   # signed as the district: "sent an email signed thomaston public schools with my own take"
                   r"|\bsigned (?:it |them )?(?:as |with |from )?['\"]?(?:crec|thomaston|clinton|stafford|ces|the district|"
                   r"the school|the board)\b))",
                   re.I | re.S),
        ("personal views as official",),
    ),
    # Whether something breaks copyright, asked as such ("forwarding a newspaper article to my students, copyright
    # issue?"): the rules on copyright. Not who answers for it or whether it is why the district monitors.
    "whether it breaks copyright": (
        re.compile(r"^(?!.*\b(?:cover|covers|blame|back (?:me|us) up|liable|on the hook|monitor\w*)\b)"
                   r".*(?:\bcopyright (?:issues?|problems?|violations?|infringement|concerns?|thing)\b"
                   r"|\b(?:violat\w*|break\w*|infring\w*|against) (?:the )?copyright\b"
                   # "anything in crec's rules about copyright?"
                   r"|\b(?:rules?|polic(?:y|ies)|anything|say|says) (?:\w+ ){0,2}(?:about|on|regarding) copyright\b"
                   # "putting a movie clip on google drive for my students, is that fair use?"
                   r"|\bfair use\b)",
                   re.I | re.S),
        ("copyright",),
    ),
    # What an e-mail signature must say ("do I have to put a confidentiality statement in my email signature?",
    # "what should my email signature say?"): Stafford's rule, the only policy with one.
    "what an e-mail signature must say": (
        re.compile(
            r"\b(?:confidentiality|disclaimer)\b[^.?!]{0,40}?\b(?:signatures?|bottom|footers?|e-?mails?)\b"
            r"|\b(?:signatures?|footers?)\b[^.?!]{0,40}?\b(?:confidentiality|disclaimer)\b"
            r"|\bwhat (?:should|does|do|must) (?:my|our|the) (?:e-?mail |school e-?mail )?signatures? (?:say|include|have|"
            r"contain)\b"
            # "do i need a special line at the bottom of my emails?"
            r"|\b(?:line|statement|text|note|wording|message|blurb) at the bottom of (?:my|our|every|all|staff|the) e-?mails?\b",
            re.I),
        ("e-mail signature",),
    ),
    # Cameras in the buildings, on the grounds and on the buses ("is the district allowed to put cameras in the
    # hallways?"): Stafford's notice of electronic monitoring, the only policy naming video surveillance.
    "video surveillance": (
        re.compile(
            r"\b(?:security|surveillance|hallway|bus|cctv) (?:cameras?|video|footage)\b|\bvideo surveillance\b"
            r"|\bcameras? (?:in|on|around) (?:the |our )?(?:hallways?|halls|buildings?|classrooms?|buses|bus|school grounds|"
            r"grounds|parking lots?|lounges?|break rooms?|offices?|schools?)\b|\bput(?:ting)? (?:up )?cameras?\b",
            re.I),
        ("video surveillance",),
    ),
    # How often passwords are changed ("is there a rule on how often we have to change our passwords?"): only
    # C.E.S.'s network security procedures speak of it ("Change passwords according to Agency need").
    "changing passwords": (
        re.compile(r"\bhow often (?:(?:do|does|must|should) )?(?:we|i|you|staff|teachers|employees) (?:have to |need to |"
                   r"must |should |are supposed to )?(?:change|reset|update) (?:our |my |their |the )?passwords?\b"
                   r"|\b(?:change|changing) (?:our |my |the )?passwords? (?:every|each)\b"
                   # "how often do passwords need to be changed"
                   r"|\bhow often (?:do|does|must|should|are|is) (?:our |my |the |staff |teachers'? )?passwords? "
                   r"(?:have to |need to |must |should |supposed to )?(?:be |get )?(?:changed|reset|updated)\b", re.I),
        ("changing passwords",),
    ),
    # Whether personal use can be taken away ("can my boss take away our personal internet use altogether?"):
    # Clinton's and Stafford's Superintendent may eliminate it for any or all employees at any time.
    "personal use taken away": (
        re.compile(
            r"\b(?:take|takes|taking|took|taken) (?:away|back)\b[^.?!]{0,30}?\bpersonal (?:\w+ )?use\b"
            r"|\b(?:eliminat\w*|revok\w*|cancel\w*|ban|bans|banning|cut off|shut off|end|ends|ending|get rid of|remove|"
            r"removes|removing)\b (?:all |our |my |staff |the )*personal (?:\w+ )?use\b"
            r"|\bpersonal (?:\w+ )?use\b[^.?!]{0,40}?\b(?:taken away|revoked|eliminated|banned|cut off|ended|removed|"
            r"(?:shut|turn|switch|cut) (?:it )?off|take (?:it )?away|get rid of)\b",
            re.I),
        ("ending personal use",),
    ),
    # Whether the employer can see something (_SEEING).
    "whether they can see it": (re.compile(rf"^(?!.*{_OWN_DEVICE_ON_THE_NETWORK})(?=.*(?:{_SEEING}))", re.I | re.S),
                                ("monitoring and privacy",)),
    # ... and of a personal account or device ("can the board look at my personal gmail?"): also what the
    # Board may ask of personal online accounts. Not of any account with a password ("my account has a
    # password, so my stuff is private, right?" is the district's monitoring).
    "whether they can see something personal": (
        re.compile(rf"^(?!.*{_OWN_DEVICE_ON_THE_NETWORK})(?=.*(?:{_SEEING}))(?=.*\b(?:personal|gmail|yahoo|hotmail|facebook|instagram|tiktok|twitter|"
                   r"snapchat|social media|my own|at home)\b)", re.I | re.S),
        ("personal online accounts",),
    ),
    # A superior asking for a personal account ("the athletic director wants me to sign into my personal
    # tiktok on his computer", "principal wants my personal twitter login"): what the Board may and may not
    # ask of personal online accounts, not monitoring or the rule on passwords.
    "asked for a personal account": (
        re.compile(
            r"^(?=.*\bmy (?:own |private )?(?:personal )?(?:gmail|yahoo|hotmail|facebook|fb|instagram|insta|tiktok|"
            r"twitter|snapchat|linkedin|dropbox|icloud|social media)\b|.*\bmy personal (?:\w+ )?(?:accounts?|e-?mail|page|"
            r"profile|logins?|passwords?)\b)"
            r"(?=.*\b(?:boss|principal|admin\w*|supervisor|superintendent|director|district|board|hr|vp|ap|department head|"
            r"dept head|they|the school|the agency|crec|ces|c\.e\.s\.|clinton|stafford|thomaston)\b[^.?!]{0,30}?"
            r"\b(?:wants?|wanted|asked|asking|asks|told|tells|make|makes|made|"
            r"making|demand\w*|requir\w*|order\w*|force\w*|pressur\w*|insist\w*)\b[^.?!]{0,40}?"
            r"\b(?:log\w* (?:in|into|on)|sign\w* (?:in|into|on)|show|pull up|open|unlock|give|hand|turn over|access|logins?|"
            r"passwords?|see|look at|look through|go through|check|read)\b)",
            re.I | re.S),
        ("personal online accounts",),
    ),
    # Whether using the systems is itself agreeing to the rules ("did I agree just by logging in?"): the
    # acknowledgment and what the policies say using them means.
    "agreeing by using": (
        re.compile(
            r"\b(?:agree|agreed|agreeing|consent|consented|consenting|bound)\b[\w ,']{0,40}?\b(?:by|just by|from|when) "
            r"(?:using|logging|log(?:ging)? in|signing in|turning on|clicking)\b"
            r"|\b(?:by|just by) (?:using|logging|signing in)\b[\w ,']{0,50}?\b(?:i|we)(?:'ve| have)? "
            r"(?:agreed|consented|accepted)\b"
            # "by using the computer am I automatically agreeing?", "by logging in am I bound by the whole policy?",
            # "does using the laptop count as agreeing?"
            r"|\b(?:just )?by (?:just )?(?:using|logging|signing in)\b[\w ,']{0,50}?\b(?:agree|agreeing|agreed|consent|"
            r"consenting|accept|accepting|acknowledg\w*|bound)\b"
            r"|\b(?:using|logging in|logging on|signing in|log in|login)\b[\w ,']{0,40}?\b(?:count|counts|mean|means)\b"
            r"[\w ,']{0,20}?\b(?:agree\w*|consent\w*|accept\w*|acknowledg\w*)\b",
            re.I),
        ("signing the acknowledgment",),
    ),
    # Using the systems before the acknowledgment is signed ("can I use the laptop before I turn in the
    # form?", "I never signed it, can I keep logging in?"): the rule that no one uses them until it is
    # signed and returned, not the one that everyone must sign it.
    "using before signing": (
        re.compile(
            r"^(?=.*\b(?:forms?|acknowledg\w*|sign\w*|paperwork)\b)"
            r"(?=.*\b(?:before|until|till|til|without)\b[^.!?]{0,40}?\b(?:sign\w*|on file|turn(?:ed|ing)? in|"
            r"fill(?:ed|ing)? out|hand(?:ed|ing)? in|return(?:ed|ing)? (?:the|that|this|my|it)\b)"
            r"|.*\b(?:haven'?t|have not|havent|never|not yet|didn'?t|didnt|did not|hasn'?t|hasnt|has not|yet to)\b"
            r"[^.!?]{0,25}?\b(?:sign\w*|turned in|filled out|handed in|returned)\b"
            r"|.*\b(?:forms?|acknowledg\w*)\b[^.!?]{0,30}\bmissing\b"
            # "nobody gave me a computer form, am I allowed to log in?"
            rf"|(?=.*{_USING})"
            r".*\b(?:nobody|no one|noone|never got|never received|didn'?t get|didnt get|haven'?t gotten|havent gotten)\b"
            r"[^.!?]{0,30}\b(?:forms?|acknowledg\w*|paperwork)\b"
            # "my acknowledgment form is still sitting unsigned, can I use the computer?", "lost the form, can I
            # still log in?", "my form is still on the principal's desk, can I use the computers in the meantime?"
            rf"|(?=.*{_USING})"
            r"(?:.*\b(?:forms?|acknowledg\w*|paperwork)\b[^.!?]{0,30}\b(?:unsigned|not signed)\b"
            r"|.*\b(?:lost|misplaced|can'?t find|cant find)\b[^.!?]{0,30}\b(?:forms?|acknowledg\w*|paperwork)\b"
            r"|.*\b(?:forms?|acknowledg\w*|paperwork)\b.*\b(?:in the meantime|meanwhile|for now|until then)\b))",
            re.I | re.S),
        ("using the systems only once signed",),
    ),
    # Getting past the filter oneself ("would using a VPN to get on a blocked site get me in trouble?"): the
    # rules against bypassing the filter, not the site's subject or the discipline. Not whom to tell when
    # someone else does it, nor what someone else did ("somebody put a VPN on the library PC").
    "getting around the filter": (
        re.compile(
            # asked of oneself, or put as what is done ("using a vpn app to get around the filter so youtube works")
            r"^(?=.*\b(?:i|im|i'm|me|my)\b|\W*(?:using|running|installing|trying|downloading)\b)"
            r"(?!.*\b(?:tell|report|notify|say something|say anything|mention|"
            r"let (?:someone|somebody|anyone|anybody|them|it|\w+) know)\b)"
            r".*(?:\b(?:vpns?|proxy|proxies|unblock\w*)\b"
            r"|\b(?:get|gets|getting|got|go|going|went|sneak\w*) (?:around|past|round|through) (?:the |a |our |their |those )?"
            r"(?:web |internet |content |school |district )?(?:filters?|blocks?|blocked|blocking|blockers?|firewall|"
            r"restrictions?|goguardian|securly|lightspeed)\b"
            # "the web filter blocks a site I need, how do I get around it?"
            r"|(?=.*\b(?:filters?|blocks?|blocked|blocking|blockers?|firewall|goguardian|securly|lightspeed)\b)"
            r".*\b(?:get|gets|getting|got|go|going|sneak\w*) (?:around|past|round) (?:it|that|this|them)\b)",
            re.I | re.S),
        ("getting around the filter",),
    ),
    # What the form says ("what am I actually agreeing to when I sign the computer form?"): the form's own
    # words, where a policy has one (Thomaston's).
    "what the form says": (
        re.compile(
            r"\bwhat (?:exactly )?(?:am i|are we|i'm|im|i am) (?:actually |really |even |exactly )?(?:agreeing to|"
            r"saying (?:that )?i(?:'ve| have)? read|promising)\b"
            r"|\bwhat (?:does|do) (?:the|my|our|this|that) [\w ]{0,30}?(?:forms?|acknowledg\w*|agreements?|paper|sign-?off)"
            r"(?: forms?)? (?:actually |really |even )?say\b"
            # "wording of the tech acknowledgment form - can you show me"
            r"|\b(?:wording|text|exact words) (?:of|on|in) (?:the |my |that |this )?[\w ]{0,30}?(?:forms?|acknowledg\w*|"
            r"agreements?)\b",
            re.I),
        ("the acknowledgment form's words",),
    ),
    # Signing the form itself ("is there some tech agreement I'm supposed to fill out?", "HR gave me a
    # computer use form to sign, where does it go?"): the rules on signing the acknowledgment. Not using
    # the systems before it is signed (using before signing), nor what the form says.
    "signing the form": (
        re.compile(
            r"^(?!.*\b(?:before|until|till|til|without|yet|haven'?t|havent|never|nobody|no one|agreeing to|say)\b)"
            r"(?=.*\b(?:forms?|agreements?|acknowledg\w*|paperwork|sign-?off|sign-?offs)\b)"
            r"(?=.*\b(?:sign|signing|fill (?:it )?out|filling (?:it )?out|turn (?:it )?in|hand (?:it )?in|return it|"
            r"where does it go|where do (?:i|we) (?:send|turn|hand|put|return)|supposed to|have to|need to)\b)"
            r"(?=.*\b(?:tech|technology|computers?|internet|network|e-?mail|acceptable use|aup|computer use)\b)",
            re.I | re.S),
        ("signing the acknowledgment",),
    ),
    # Handing one's login to someone ("my co-teacher wants my login to put grades in, can I give it to
    # her?"): the rules on passwords and accounts, not on the grades or records she would reach.
    "sharing one's login": (
        re.compile(
            r"^(?=.*\b(?:my|our) (?:login|log-in|password|credentials|username|sign-?in)s?\b)"
            r"(?=.*\b(?:(?:give|giving|gave|share|sharing|shared) (?:(?:the|my|a|our) \w+ )?(?:it|them|my|her|him|out)|lend|lending|"
            r"hand (?:it|them) over|let (?:her|him|them) use|wants? my|(?:asked|asking|asks) (?:me )?for my|borrow|"
            r"lent|loaned (?:it|them|my))\b)"
            # "my team teacher forgot her password, any harm in letting her use mine?"
            r"|^(?=.*\b(?:password|login|log-in)s?\b)(?=.*\b(?:let|lets|letting|use|using|borrow|borrowing) "
            r"(?:\w+ ){0,2}mine\b)"
            # "my co-teacher keeps signing in as me"
            r"|\b(?:sign\w*|log\w*) (?:in|on) as me\b",
            re.I | re.S),
        ("passwords and accounts",),
    ),
    # Signing in as someone else ("the principal's secretary wants me to sign in as the principal to send the
    # newsletter", "told to log in as the teacher who retired"): the rule on misusing others' passwords and accounts.
    "signing in as someone else": (
        re.compile(r"\b(?:sign|signs|signing|signed|log|logs|logging|logged) (?:in|on)(?: to [\w ]{1,20}?)? as "
                   r"(?:the|another|her|him|them|someone|somebody)\b", re.I),
        ("passwords and accounts",),
    ),
    # Whether one answers for what is done on one's account ("someone used my login while I was away,
    # am I responsible?"): the rule that employees are responsible for their accounts, not the one
    # against misusing passwords. Not who pays for a loss (who pays).
    "answering for one's account": (
        re.compile(
            r"^(?=.*\b(?:my (?:\w+ )?(?:account|login|log-in|computer|laptop|password|email|e-mail)|logged in|"
            r"signed in|log(?:ged)? (?:me )?out|unlocked)\b)"
            r"(?=.*\b(?:am i|are we|is it|who(?:'s| is)?|whos) (?:\w+ )?(?:the one )?"
            r"(?:responsible|responsable|accountable|liable|to blame|blamed|on the hook)\b(?! for (?:paying|the cost|the bill|it\b))"
            r"|.*\b(?:responsible|responsable|accountable) for (?:what|anything|everything|whatever|stuff|things)\b"
            # "whose fault is it if someone else uses my account?"
            r"|.*\bwhose (?:fault|responsibility|problem)\b"
            # "if somebody else uses my login, is that on me?"
            r"|(?=.*\b(?:somebody|someone|anybody|anyone|a student|a kid|a coworker|my coworker|another teacher) "
            r"(?:else )?(?:uses?|used|using|got on|gets on|hop on|hops on|hopped on|hopping on|jumps? on|jumped on|"
            r"logged (?:in|on)|logs (?:in|on))\b)"
            r".*\b(?:is|was) (?:that|it|this) (?:all )?on me\b)",
            re.I | re.S),
        ("answering for one's account",),
    ),
    # Whether the employer must warn before monitoring ("don't they have to tell us first?"): the notice
    # of monitoring (Stafford's; C.E.S. monitors without notice), not the general rule.
    "warning before monitoring": (
        re.compile(
            r"^(?=.*\b(?:monitor\w*|watch\w*|read\w*|track\w*|look\w* (?:at|through)|go(?:ing)? through|"
            r"surveil\w*|spy\w*|snoop\w*)\b)"
            r"(?=.*\b(?:(?:have|need|supposed|required|obligated) to|must|should|do they|does (?:it|the \w+)|"
            r"will they|would they|are they going to) "
            r"(?:\w+ )?(?:warn|tell|notify|inform|let (?:us|me|them|staff|employees) know|give (?:us |me |staff )?(?:a )?(?:notice|warning|heads up))\b"
            r"|.*\b(?:notice|warning|heads up|notified|warn|warned|told)\b[^.!?]{0,40}\b(?:before|first|beforehand|ahead)\b"
            r"|.*\bwithout (?:telling|warning|notifying|notice|letting)\b"
            # "is the district supposed to put a sign up telling us we might be monitored?"
            r"|.*\b(?:put|post|hang)\w* (?:up )?(?:a |any )?(?:signs?|notices?|posters?)\b)",
            re.I | re.S),
        ("notice of monitoring",),
    ),
    # Giving school e-mail addresses to outsiders ("a vendor wants the staff email list", "gave my school
    # email to a company"): CREC's and Thomaston's rule against knowingly giving them to outside parties
    # who would write to staff for non-school purposes, not the rules on selling or confidential data.
    "giving out e-mail addresses": (
        re.compile(
            r"\b(?:give|gave|given|giving|hand|handed|handing|share|shared|sharing|sell|sold|selling|provide|"
            r"provided|pass|passed|release|released|export\w*)\b[^.!?]{0,40}?"
            r"\b(?:(?:e-?mail|email) (?:list|lists|addresses|directory)|(?:staff|teacher|teachers|faculty|employee|"
            r"school|building|district) (?:e-?mail |email )?(?:list|directory)|(?:my|our|the|a) (?:school|work|crec|"
            r"district|thomaston) (?:e-?mail|email)(?: address)? to (?:a|an|the|some|this|that|her|his|their) "
            r"(?:\w+ )?(?:company|vendor|business|store|website|site|parent|mom|dad|group|organization|church|charity))\b"
            # one's own given out: "signing up for store coupons using my school email address"
            r"|\bsign\w* up for [\w' ]{0,30}?\b(?:coupons?|deals?|discounts?|lists?|newsletters?|promotions?|rewards?|"
            r"offers?|ads) (?:with|using) (?:my|our) (?:school|work|district|crec|thomaston) (?:e-?mail|email)\b"
            r"|\blist of (?:all )?(?:the |our |my )?(?:teachers?|staff|employees?|faculty|coworkers?|co-workers?)'?s? "
            r"(?:e-?mails?|email addresses|e-mail addresses)\b"
            # "a travel company wants my school email plus my coworkers' addresses"
            r"|\b(?:co-?workers|colleagues|teachers|staff)'?s?'? (?:school |work )?(?:e-?mail )?addresses\b"
            r"|\b(?:wants|want|wanted|asked (?:me )?for|asking (?:me )?for|needs|requested) (?:all (?:of )?|every |each )?"
            r"(?:the |our |a |my )?(?:staff|teacher|teachers|faculty|school|building|district|all-staff|everyone|everybody)'?s? "
            r"(?:school |work )?"
            r"(?:e-?mail |email )?(?:list|directory|addresses|e-?mails|(?:e-?mail |email )address)\b",
            re.I),
        ("giving out e-mail addresses",),
    ),
    # A student's grades or records asked for by a relative, a neighbour or a reporter ("a student's aunt
    # emailed asking for his grades, can I just send them?"): the rules on confidential student information.
    "a student's records to someone else": (
        re.compile(
            r"^(?=.*\b(?:grades?|report cards?|scores|records?|ieps?|transcripts?|attendance|test results|"
            r"(?:discipline|disciplinary) (?:write-?ups?|reports?|records?|notes?))\b)"
            r"(?=.*\b(?:aunt|uncle|grand\w+|relatives?|neighbou?rs?|babysitter|nanny|family friend|reporter|"
            r"another (?:parent|family|kid'?s parent)|(?:a |the )?(?:different|wrong) (?:family|parent|kid'?s parent)|"
            r"club (?:\w+ )?coach|travel (?:\w+ )?coach|private tutor)\b)"
            r"(?=.*\b(?:send|sending|sent|email\w*|e-mail\w*|give|giving|share|sharing|forward\w*|reply|text\w*)\b)",
            re.I | re.S),
        ("confidential information",),
    ),
    # Opening or passing on an attachment ("got an email with an .exe attached from an address I don't know, should
    # I forward it?", "anything I'm supposed to do before opening attachments?"): the rules on risky attachments.
    "opening attachments": (
        re.compile(
            r"^(?=.*(?:\battach\w*|\.exe\b|\bexe files?\b|\bzip files?\b))"
            r"(?=.*\b(?:open|opens|opening|opened|click\w*|forward\w*|download\w*|run|running|"
            r"what (?:should|do|can) (?:i|we) do with (?:it|this|that)"
            # one not looked for: "a parent emailed me an attachment I wasnt expecting from a weird address"
            r"|(?:wasn'?t|wasnt|weren'?t|werent|was not|were not|not) expecting|unexpected|weird|strange|unknown)\b)",
            re.I | re.S),
        ("risky attachments",),
    ),
    # One e-mail to everyone ("can I email the whole district about my lost dog?", "send the potluck signup to
    # ALL crec staff?"): CREC's and Thomaston's C.9 on mass e-mails, whatever the message is about.
    "mass e-mail": (
        re.compile(
            # Not what a student's records hold ("a kid's diagnosis to the whole grade team"): confidentiality.
            # Nor how it is put ("being snarky in a reply-all"): professional conduct.
            r"^(?!.*\b(?:diagnos\w*|iep|ieps|grades|reading levels?|scores|medical|health|seizure|disabilit\w*|names?|"
            r"one (?:kid|student|child)'?s?|chain|snark\w*|rude|"
            r"vent\w*|rant\w*|sarcas\w*|nasty|angry|complain\w*)\b).*(?:"
            r"\b(?:e-?mail\w*|send\w*|sent|bcc\w*|reply[- ]?all|forward\w*|blast\w*|message\w*|invites?|invitations?|"
            r"flyers?|announcements?)\b[^.?!]{0,40}?"
            r"\b(?:every|all|whole|entire|everybody|everyone)\b (?:of |in |at |on )?(?:the |our |my )?(?:single )?"
            r"(?:\w+ )?(?:staff|employees?|famil(?:y|ies)|parents|district|building|school|faculty|teachers|crec|"
            r"thomaston|list|contact list|grade)\b"
            r"|\b(?:mass|bulk|all-staff|all staff) e-?mails?\b|\be-?mail blast\b)",
            re.I | re.S),
        ("mass e-mail",),
    ),
    # Who bears a cost or a lawsuit ("who pays?", "does the district cover me?", "will I be charged?"):
    # the rules on charges, costs and liability, not the rule that was broken.
    "who pays": (
        re.compile(
            r"\bwho pays\b|\bwho(?:'s| is) paying\b"
            r"|\b(?:district|school|board|agency|crec|ces|clinton|stafford|thomaston|they|it) (?:(?!polic|rules?\b|aup)\w+ )?"
            r"cover (?:for )?(?:me|us|her|him|them|it|that|the (?:fines?|costs?|"
            r"bill|damages?|legal \w+|lawyer))\b"
            r"|\bback (?:me|us|her|him|them) up\b|\b(?:have|has|got) (?:my|our|her|his|their) back\b"
            r"|\b(?:district|school|board|agency|crec|ces|clinton|stafford|thomaston|they) (?:\w+ )?on the hook\b"
            r"|\b(?:get|be|am i|will i) (?:\w+ )?charged\b|\bon the hook for (?:the |it|that|paying)\b"
            r"|\bpay for (?:it|that|the damage|the repair|the charges?)\b"
            r"|\b(?:liable|liability)\b"
            r"|\bwho(?:'s| is|s) (?:\w+ )?on the hook\b|\b(?:get|gets|got|be|is|are) fined\b",
            re.I),
        ("charges and costs",),
    ),
    # Selling or a side business ("my sister sells candles, can I email the catalog?"): the rule on
    # private gain, whatever the means (e-mail, a post, the school computer).
    "selling": (
        re.compile(
            # Selling raffle tickets for a church is raising funds for a cause (politics and causes).
            r"^(?!.*\b(?:raffles?|fundrais\w*|church|charit\w*|donat\w*)\b)"
            # A vendor that sells ("a company selling teacher discounts wants our staff email list") sells nothing of
            # the asker's.
            r"(?!.*\b(?:a|an|the|some|this|that) (?:\w+ )?(?:company|vendor|business|store|website|site|publisher) "
            r"(?:that |who )?(?:is |keeps )?(?:sell|sells|selling)\b).*(?:"
            r"\b(?:sell|sells|selling|sold|side business|side hustle|my (?:own )?business|customers?|catalogs?|"
            r"etsy|ebay|poshmark|tupperware|avon|scentsy|mary kay|mlm|mlms|multi-level|pampered chef|lularoe|"
            r"young living|doterra|herbalife|arbonne|paparazzi)\b"
            # Someone's own business ("my husband's landscaping business") and work done on the side for pay.
            r"|\b(?:husband|wife|spouse|partner|sister|brother|mom|mother|dad|father|son|daughter|cousin|friend|"
            r"aunt|uncle|neighbou?r|family)(?:'s|s)? (?:\w+ ){0,2}(?:business|company)\b"
            r"|\b(?:do|does|doing|run|runs|running|make|makes|making|coach\w*|teach\w*|tutor\w*|work|works|working|"
            r"freelanc\w*) [\w' ]{1,30} on the side\b|\bfor cash\b)",
            re.I | re.S),
        ("selling and private gain",),
    ),
    # Politics and causes ("my opinion on the budget vote", "a candidate for the board"), and raising money for
    # one ("my church is selling raffle tickets", "chip in on my nephew's gofundme"): the rule on campaigning,
    # causes and fundraising, not the general one. Not the school's own (the PTO's).
    "politics and causes": (
        re.compile(
            r"\b(?:vote|voting|election|elections|candidate|candidates|campaign\w*|political|politics|petition\w*|"
            r"referendum|ballot|lobby\w*)\b"
            r"|^(?!.*\b(?:pto|pta|school fundraiser|our school's|(?:the|our|school|class) (?:\w+ ){0,2}(?:team|club|class|"
            r"band|choir|department)'?s? fundrais\w*)\b).*\b(?:raffles?|fundrais\w*|gofundme|go ?fund ?me|"
            r"donat\w*|chip in|charit\w*|coat drive|food drive|toy drive|food pantry|collect\w* money|(?<!school-)(?<!school )sponsor\w*|"
            r"pledges?)\b",
            re.I | re.S),
        ("causes, politics and fundraising",),
    ),
    # What befalls someone who breaks the rules ("what happens if you get caught misusing the computers?"):
    # the discipline the policies set, not the rule broken.
    "what happens to those who break the rules": (
        re.compile(
            # "what happens to someone who gets caught misusing the computers?"
            r"\bwhat (?:actually |really |exactly )?happens to (?:someone|somebody|people|staff|a teacher|an employee|"
            r"employees|teachers|anyone) (?:who|that) (?:gets? |is |are )?(?:caught|breaks?|misus\w+|violat\w+|abus\w+)\b"
            r"|\bwhat (?:actually |really |exactly )?happens (?:to (?:me|you|us|staff|someone|somebody|them|a teacher|"
            r"an employee) )?(?:if|when) (?:i|im|you|we|someone|somebody|a teacher|an employee|staff|people|they)\b"
            r"[^.?!]{0,40}?\b(?:caught|catch|break\w*|broke|violat\w+|misus\w+|don'?t follow|do not follow)\b"
            r"|\bwhat kind of (?:trouble|discipline|consequences?|punishment)\b"
            r"|\bwhat(?:'s| is|s| are) the (?:discipline|punishment|penalty|penalties|consequences?) (?:for|if|when)\b"
            # "what discipline can staff get for misusing the school computers?"
            r"|\bwhat (?:discipline|punishment|penalt(?:y|ies)|consequences?) (?:can|could|do|does|will|would) "
            r"(?:staff|teachers?|employees?|someone|somebody|people|i|we|you)\b"
            r"|\bhow (?:bad|serious) (?:can|could|would|will|is) (?:the )?(?:discipline|punishment|consequences?)\b"
            # "how much trouble can you get in for misusing the tech?": misuse in general, not one act named
            r"|\bhow much trouble\b[^.?!]{0,40}?\bfor (?:misus\w+|abus\w+|breaking|violating|not following)\b",
            re.I),
        ("discipline",),
    ),
    # Doing something personal on the employer's device ("can I check my personal gmail on the school
    # iPad?", "ok to do personal stuff on the agency computer?"): the personal use the policies allow or
    # not, not the rules on privacy or accounts the thing named suggests. Not selling or installing.
    "personal use of school devices": (
        re.compile(
            r"^(?!.*\b(?:sell\w*|business|customers?|install\w*|download\w*|students?|kids?|private|privacy|"
            r"see|read|monitor\w*|passwords?|logins?)\b)"
            r".*(?:\b(?:check|use|do|send|answer|look at)\w* (?:my |some |a little |a few |a couple (?:of )?|the occasional |"
            r"an occasional )?personal "
            r"(?:stuff|things|email|e-mail|emails|gmail|yahoo|hotmail|aol|outlook|errands|use|messages|accounts?)\b"
            # "is it fine to answer texts from my family on the office pc?"
            r"|\b(?:answer|reply|respond|send|check|read)\w* (?:to )?(?:texts?|messages?|e-?mails?|calls?) (?:from|to) my "
            r"(?:family|wife|husband|spouse|partner|mom|mother|dad|father|son|daughter|sister|brother|friends?)\b"
            r"|\b(?:browse|browsing|surf|surfing|google|googling|look up|looking up)\b"
            r"[^.!?]{0,30}\bfor personal (?:stuff|things|reasons|errands|use)\b"
            # "is personal use of the network allowed at all?", "is personal email ok on the district computers?"
            r"|\b(?:any|is|are|allowed|permitted) personal (?:use|email|e-mail|emails|stuff|browsing)\b)",
            re.I),
        ("personal use",),
    ),
    # Shopping for oneself on the employer's computer ("a little amazon shopping at lunch, ok?"): personal use
    # where a policy allows it, but C.E.S. forbids purchasing for personal use outright. Not buying for the
    # class or being paid back for it, nor selling.
    "shopping for oneself": (
        re.compile(
            r"^(?!.*\b(?:sell\w*|business|customers?|clients?|etsy|supplies|reimburs\w*|paid back|pay me back|"
            r"for (?:my|the|our) (?:class|classroom|room|students|kids|program|school|department|team))\b)"
            r".*(?:\b(?:shop|shopping|shopped)\b(?! (?:class|teacher|room)\b)"
            r"|\b(?:order\w*|buy\w*|bought|purchas\w*) (?:\w+ ){0,3}(?:on|from|off) (?:amazon|target|walmart|ebay)\b"
            r"|\bamazon (?:shopping|orders?|ordering|cart|prime day)\b)",
            re.I | re.S),
        ("shopping for oneself",),
    ),
    # Something of one's own done in the day's gaps (reading personal mail at lunch, a show on
    # a break): the reasonable personal use the policies allow, not the rules on accounts or
    # monitoring that the thing named (Instagram, Gmail) might suggest. Not when it is selling,
    # installing or involves students: those are other rules.
    "personal use in a break": (
        re.compile(
            r"^(?!.*\b(?:sell\w*|business|customers?|clients?|etsy|ebay|install\w*|download\w*|"
            # the students gone is when, not whom: "... after the kids go home"
            rf"(?:students?|kids?)(?! {_STUDENTS_GONE}\b)|"
            r"class|shop\w*|purchas\w*|buy\w*|order\w*|amazon|post\w*|upload\w*|password|login|games?)\b)"
            r"(?=.*\b(?:scroll\w*|check\w*|watch\w*|stream\w*|brows\w*|read\w*|look\w* at|listen\w*|"
            r"book\w*|text\w*|call\w*|email\w*|e-mail\w*|bank\w*|personal|messag\w*|"
            r"pay\w* (?:my |a |the |some )?(?:\w+ )?bills?)\b)"
            r"(?:.*\b(?:during|on|at|over|in) (?:my |our |the |a )?(?:lunch|lunch break|break|breaks|planning|prep|"
            r"planning period|prep period|free period|downtime|off period)\b"
            rf"|.*\bafter (?:the |my )?(?:kids|students) {_STUDENTS_GONE}\b"
            # or said first: "lunch break - is watching netflix on the chromebook ok?"
            r"|\W*(?:lunch break|lunch|prep period|planning period|free period)\s*[-–—:,.])",
            re.I),
        ("personal use",),
    ),
}


# What is asked outranks what it is asked about: "who do I tell about a coworker running his side
# business off the school computer?" asks whom to tell, not about selling.
ASKED_ABOVE_ALL = ("whom to tell", "personal views as official")
# Whom to tell about something a student did ("caught a kid on a site he shouldn't be on, who do I tell?"):
# the duty of those supervising students and the rules on reporting, not whom to ask about the rules.
_A_STUDENT_RE = re.compile(_A_STUDENT, re.I)
ABOUT_A_STUDENT = ("supervising students", "reporting problems and misuse")
# Not asking leave ("who do I check with about using school email for my kid's team?").
_ASKING_LEAVE_RE = re.compile(r"\b(?:check with|ask|asking|permission|ok|okay|allowed)\b", re.I)


# Intents that say which rule answers only when no other does: "can I email the whole staff about my daughter's
# girl scout cookies?" is the rule on selling (asked together, the two contested each other), but "can I email
# the whole district about my lost dog?" is the rule on mass e-mail.
ASKED_ONLY_ALONE = frozenset({"mass e-mail"})


@functools.lru_cache(maxsize=256)
def _intents_of(question: str) -> tuple[str, ...]:
    """The names of the intents whose pattern `question` matches, in INTENTS' order (those of ASKED_ONLY_ALONE
    only when no other matches): worked out once per question, however many checks of an answer ask."""
    names = tuple(name for name, (pattern, _) in INTENTS.items() if pattern.search(question))
    return tuple(name for name in names if name not in ASKED_ONLY_ALONE) or names


def intent_rules(question: str) -> tuple[str, ...]:
    """The rules (names of counterparts.RULES groups) that can answer `question`, from how
    it is put; empty when its wording says nothing about which kind of rule answers it."""
    names = _intents_of(question)
    above = next((name for name in names if name in ASKED_ABOVE_ALL), None)
    if above is not None:
        if above == "whom to tell" and _A_STUDENT_RE.search(question) and not _ASKING_LEAVE_RE.search(question):
            return ABOUT_A_STUDENT
        return INTENTS[above][1]
    out: list[str] = []
    for name in names:
        out.extend(r for r in INTENTS[name][1] if r not in out)
    return tuple(out)


# Rules that answer one question between them when its wording names both: the duty of those supervising
# students and the rules on reporting ("caught a kid on a porn site, who do I tell?").
ANSWERED_BETWEEN_THEM = ("supervising students", "reporting problems and misuse")


def rules_asked_together(question: str) -> tuple[str, ...]:
    """The rules of ANSWERED_BETWEEN_THEM when one intent of `question` names them all, else the groups of
    counterparts.ASKED_TOGETHER_ONLY it asks for: a section of one is then no rival to another section of them."""
    names = _intents_of(question)
    above = next((name for name in names if name in ASKED_ABOVE_ALL), None)
    groups = [intent_rules(question)] if above is not None else [INTENTS[name][1] for name in names]
    if any(set(ANSWERED_BETWEEN_THEM) <= set(g) for g in groups):
        return ANSWERED_BETWEEN_THEM
    return tuple(dict.fromkeys(rule for g in groups for rule in g if rule in ASKED_TOGETHER_ONLY))


# Put so, a question is about what the policies govern, whatever else it names: staff's duty when a student
# misuses a device, who bears a cost of using the systems, personal use in the day's gaps, using the systems
# before signing, something troubling received, who gets access to what, whether the employer can see
# something. Such a question is not refused for being near the
# questions written as ones no policy answers ("am I responsible for what the kids do on the laptops while
# I'm covering?" shares "covering" with "do I get paid for covering a class?"). Not whom to tell, messaging
# students, selling or politics: staff ask those of everyday matters too (whom to tell about a sick
# child, texting players about the bus).
WITHIN_THE_POLICIES = frozenset({"a student's misuse", "who pays", "personal use in a break", "using before signing",
                                 "something troubling received", "going about messaging students",
                                 "e-mail kept or purged", "who gets access", "whether they can see it",
                                 "warning before monitoring", "whether it breaks copyright",
                                 "getting into what is not theirs", "access turned off", "installing",
                                 "giving out e-mail addresses", "copying films and music"})


def put_as_a_policy_matter(question: str, districts: set[str] | None = None) -> bool:
    """Whether the question is put as one of the matters in WITHIN_THE_POLICIES; asked by staff of `districts`,
    as one their own policy has a rule on (only C.E.S. says how long e-mail is kept)."""
    return any(name in WITHIN_THE_POLICIES
               and (districts is None or any(ref.split(":")[0] in districts
                                             for rule in INTENTS[name][1] for ref in RULES[rule]))
               for name in _intents_of(question))


# Matters the policies govern however they are put, though the question names no device, message or account ("I
# replied to a parent with my own take on the superintendent, could that be read as CREC's official view?", "found
# what looks like a hit list in a student's shared doc", "a lost dog flyer - i want to send it to the whole district
# list"): a communication is what the rule is about, whatever it concerns (an animal included).
GOVERNED_WHATEVER_NAMED = frozenset({"personal views as official", "dangerous information found", "mass e-mail"})


def names_a_governed_matter(question: str) -> bool:
    """Whether the question is put as one of the matters in GOVERNED_WHATEVER_NAMED, asked alone or beside
    another ("selling cookies, thinking of sending the order form to everyone on staff")."""
    return any(INTENTS[name][0].search(question) for name in GOVERNED_WHATEVER_NAMED)


# Rules only some policies state, and no other rule of any policy stands in for: asked only of one of them by
# staff whose policy lacks it ("my principal wants my personal instagram password, can she?" at CREC, "how long
# are emails kept before they're purged?" at Clinton), the question is one their policy does not answer.
STATED_ONLY_WHERE_STATED = frozenset({"personal online accounts", "e-mail kept or purged", "e-mail signature",
                                      "video surveillance", "changing passwords"})


def only_elsewhere(question: str) -> bool:
    """Whether every rule `question` asks for is one of STATED_ONLY_WHERE_STATED."""
    rules = intent_rules(question)
    return bool(rules) and set(rules) <= STATED_ONLY_WHERE_STATED


# The words of the passages that state a rule (counterparts.RULES), for choosing the quote: asked whether
# personal use at lunch is all right, the sentence on personal use.
RULE_WORDS: dict[str, re.Pattern[str]] = {
    "personal use": re.compile(r"\bpersonal use\b", re.I),
    # Where personal use is allowed, its sentence; at C.E.S., the ban on purchasing for personal use.
    "shopping for oneself": re.compile(r"\bpersonal use\b|\bpurchas\w* (?:or sale )?of personal\b", re.I),
    "notice of monitoring": re.compile(r"\b(?:notice|notif\w*|posted)\b", re.I),
    "supervising students": re.compile(r"\bsupervis", re.I),
    "unauthorized access": re.compile(r"\b(?:unauthorized|without authoriz\w*)\b", re.I),
    "monitoring and privacy": re.compile(r"\b(?:monitor\w*|privacy|private)\b", re.I),
    "monitoring devices on the network": re.compile(r"\belectronic devices\b", re.I),
    # C.E.S.'s item on dangerous information, not the one on student pictures beside it.
    "dangerous information": re.compile(r"\bdangerous\b", re.I),
    # What the Board may not ask of a personal online account, not the investigations it may conduct.
    "personal online accounts": re.compile(r"\bmay not\b", re.I),
}


def stating_the_rule(question: str) -> re.Pattern[str] | None:
    """The words of a passage stating the rule `question` is put as (RULE_WORDS), or None."""
    return next((RULE_WORDS[rule] for rule in intent_rules(question) if rule in RULE_WORDS), None)


# "How do I get around the web filter?": the answer is the rule against getting around it, not a how-to to refuse.
# Not how to have a site unblocked or to reach the network from home (a VPN): those are requests for help.
_GETTING_AROUND_RE = re.compile(r"\b(?:get|getting) (?:around|past|round) (?:the |a |this |that |our |it\b|them\b)"
                                r"|\b(?:bypass|circumvent)\w*\b", re.I)


def asks_how_to_get_around_the_filter(question: str) -> bool:
    """Whether the question asks how to get past the filter itself."""
    return "getting around the filter" in intent_rules(question) and bool(_GETTING_AROUND_RE.search(question))


# "Who do I ask?", "who handles that?": beside the "whom to tell" intent, the plain ways of asking whom to go to.
_ASKS_WHOM_RE = re.compile(r"\bwho(?:m)? (?:do|should|can|could|would) (?:i|we) (?:ask|talk to|speak to|go to|check with)\b"
                           r"|\bwho handles\b|\bwho(?:m)? to (?:ask|contact)\b", re.I)


def asks_whom(question: str) -> bool:
    """Whether the question asks whom to tell or ask."""
    return "whom to ask" in intent_rules(question) or bool(_ASKS_WHOM_RE.search(question))


# "What does incidental personal use mean?", "does my school email count as a personal account?": asking
# what a term takes in, which a definition answers.
_ASKS_MEANING_RE = re.compile(r"\b(?:mean|means|meaning|meant|count|counts|counted|considered|define|defines|defined|"
                              r"definition|include|includes|included|qualify|qualifies)\b", re.I)


def asks_meaning(question: str) -> bool:
    """Whether the question asks what a term means or takes in."""
    return bool(_ASKS_MEANING_RE.search(question))
