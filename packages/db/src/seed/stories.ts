// What students write and what staff answer, per category. Every ticket picks one problem and
// fills its {slots} once, so the title, the description and the replies talk about the same room,
// course or amount. {first} is the student's first name, {agent} the replying staff member's.
import type { CategoryKey } from './school.js';
import type { Random } from './random.js';

export interface Problem {
  titles: string[];
  descriptions: string[];
  /** What a good outcome looks like, in the student's words. */
  outcomes: string[];
  /** Something staff need to know first; asking it waits on the student. */
  questions: string[];
  /** The student's answer to such a question. */
  answers: string[];
  /** Internal notes between staff. */
  notes: string[];
  /** The resolution, as told to the student. */
  fixes: string[];
}

export const PROBLEMS: Record<CategoryKey, Problem[]> = {
  'it.login': [
    {
      titles: ['Login fails after password reset', "Can't log in since I reset my password", 'New password not accepted on {system}'],
      descriptions: [
        'I reset my password this morning through the self-service page and got the confirmation email, but {system} keeps saying "invalid username or password". I tried on my laptop and my phone.',
        'After changing my password yesterday I cannot sign in anywhere. The reset page said it worked, but every login attempt fails with an error about my credentials.',
      ],
      outcomes: ['Being able to log in again before my next lecture.', 'Access to {system} today, I have a deadline.'],
      questions: [
        'Could you tell me whether your phone is still syncing your university mailbox with the old password? Old sessions on a phone can lock the account again within minutes.',
      ],
      answers: [
        'Yes, my phone mail app was still asking for a password. I removed the account from the phone now.',
        'I think my tablet was still logged in to Outlook. I have switched it off.',
      ],
      notes: [
        'Checked AD: account locked after 5 failed attempts, source is an ActiveSync device.',
        'Password change replicated fine; lockout comes from an old session on a second device.',
      ],
      fixes: [
        'I have unlocked your account. The lockouts came from an old session on your phone that kept trying the previous password. Please sign in on your laptop first, then add the account to your phone again with the new password.',
        'Your account is unlocked and the password reset went through correctly. Something was still trying the old password and locked you out; once every device uses the new password this will not happen again.',
      ],
    },
    {
      titles: [
        'Locked out: lost my phone with the authenticator app',
        'MFA codes not working on new phone',
        'Need to reset multi-factor authentication',
      ],
      descriptions: [
        'My phone was stolen on {weekday} and the authenticator app was on it. Now I cannot get past the second step when I log in, so I cannot reach my email or {system}.',
        'I bought a new phone and did not move the authenticator app. It asks me for a code I cannot get. How do I register the new phone?',
      ],
      outcomes: ['Registering my new phone for MFA.', 'Getting back into my account without my old phone.'],
      questions: [
        'To reset your MFA we need to verify it is you. Could you reply with your student number and the date of birth you gave when enrolling, or come to the IT desk in the {building} with your student card?',
      ],
      answers: [
        'My student number is in the ticket, and I was born on the {day} of {month}. I can also come by tomorrow if that is easier.',
        "I'll come to the desk tomorrow morning with my student card.",
      ],
      notes: [
        'Identity verified against SIS record. MFA methods cleared, temporary access pass issued for 8 hours.',
        'Student verified at the desk with card. Reset MFA registration.',
      ],
      fixes: [
        'Your multi-factor registration is reset. The next time you sign in you will be asked to set up the authenticator app again; scan the QR code with your new phone and you are done. The temporary access pass I gave you works for 8 hours.',
        'Done: I removed the old phone from your account. Sign in, follow the "set up your account" steps, and add the authenticator app on your new phone.',
      ],
    },
    {
      titles: ['Account says "disabled" after re-enrolment', 'My student account was deactivated', 'Cannot log in, account expired'],
      descriptions: [
        'When I log in I get "your account has been disabled, contact your administrator". I re-enrolled for this year in {month} and paid the tuition, so I do not understand why.',
        'Since Monday my account is blocked. I think it is because my enrolment was processed late, but I need access for my courses.',
      ],
      outcomes: ['My account working again this week.', 'Access restored so I can submit my assignment.'],
      questions: [
        'Thanks. Could you confirm which programme you re-enrolled for, and whether you received the enrolment confirmation from the Registrar?',
      ],
      answers: [
        'Yes, I got the confirmation email on the {day}. The programme is {programme}.',
        'I have the confirmation, I can forward it if needed.',
      ],
      notes: [
        'SIS shows enrolment active since the {day}, but the nightly provisioning job skipped the record. Re-ran provisioning manually.',
        'Enrolment status was "pending payment" until the finance sync; fixed now, account re-enabled.',
      ],
      fixes: [
        'Your account is active again. Your re-enrolment was processed after our nightly account update had already run, so the account stayed disabled for a few days. You can sign in now with your existing password.',
        'I re-enabled your account. The enrolment system and the account system were out of step; that is fixed, and it will not be disabled again this year.',
      ],
    },
  ],
  'it.wifi': [
    {
      titles: ['Wi-Fi drops every few minutes in {dorm}', 'Unstable internet in my room ({dorm})', 'eduroam keeps disconnecting in {dorm}'],
      descriptions: [
        'The Wi-Fi in my room in {dorm} disconnects every five to ten minutes. My flatmates have the same problem. It makes online classes impossible.',
        'Since last week the connection in {dorm}, room {room}, keeps dropping. It shows connected but nothing loads, then after a minute it works again.',
      ],
      outcomes: ['A stable connection in my room for online lectures.', 'Wi-Fi that does not drop during my online exam.'],
      questions: [
        'Could you tell me your room number and roughly at what times it drops? If you can, run the Wi-Fi check in the self-service portal and paste the result here.',
      ],
      answers: [
        'Room {room}. It is worst in the evening between 19:00 and 23:00. The check says "weak signal, access point 3".',
        'It is room {room}, mostly in the evenings. I pasted the result below.',
      ],
      notes: [
        'Access point on the 2nd floor of {dorm} is overloaded in the evening. Asked Networks to add capacity.',
        'AP-{room} logs show repeated reboots; failing power injector. Replacement ordered.',
      ],
      fixes: [
        'Our network team replaced a faulty access point on your floor this morning. The connection should be stable now; let me know if you still see drops.',
        'We added a second access point to your corridor in {dorm}. Evening drops were caused by too many devices on one access point.',
      ],
    },
    {
      titles: ["Can't connect to eduroam on my laptop", 'eduroam asks for a certificate', 'New laptop will not join eduroam'],
      descriptions: [
        'My new {device} does not connect to eduroam. It asks me to trust a certificate and then fails. Other networks work fine.',
        'I cannot get eduroam to work. I type my email and password, it tries for a while and then says it cannot connect.',
      ],
      outcomes: ['eduroam working on my laptop.', 'Connecting on campus without using my phone hotspot.'],
      questions: [
        'Which username did you enter? For eduroam it must be your full address, ending in @students.demo.edu, not just your student number.',
      ],
      answers: [
        'Oh, I used only my student number. I will try with the full address.',
        'I used my full email address. The device is a {device}.',
      ],
      notes: [
        'Old eduroam profile on the device; removing it and using the installer usually fixes this.',
        'Radius log: wrong realm in the username.',
      ],
      fixes: [
        'The problem was the username: eduroam needs your full university address. I also sent you the link to the eduroam installer, which sets up the certificate for you. Forget the network on your laptop, run the installer, and it connects automatically.',
        'Please remove the old eduroam profile from your laptop and use the configuration tool linked in our article "Connecting to eduroam". That installs the right certificate. I checked the logs and your login now succeeds.',
      ],
    },
    {
      titles: ['VPN does not connect from home', 'Cannot reach the campus VPN', 'VPN error 809'],
      descriptions: [
        'I need the VPN to reach the {software} licence server from home, but the client stops at "connecting" and then shows an error.',
        'Since the update of the VPN client I cannot connect from home anymore. It worked last month.',
      ],
      outcomes: ['Working VPN so I can use {software} at home.'],
      questions: ['Which version of the VPN client do you have installed, and are you on a home network or a mobile hotspot?'],
      answers: ['Version 5.1 on home Wi-Fi. It also fails on my hotspot.', 'The client says 4.9. I am on my home network.'],
      notes: ['Client 4.x no longer supported since the gateway upgrade; needs 5.2+.', 'User certificate expired, renewed.'],
      fixes: [
        'Our VPN gateway was upgraded and older clients no longer connect. Please install the new client from the software portal; I checked with the same settings and it connects.',
        'Your VPN certificate had expired. I renewed it: restart the VPN client and sign in again.',
      ],
    },
  ],
  'it.lms': [
    {
      titles: [
        "Can't upload my assignment for {courseCode}",
        'Assignment upload fails in the LMS',
        'Submission error for {courseCode}, deadline tonight',
      ],
      descriptions: [
        'I am trying to submit my assignment for {courseCode} ({course}) and the upload stops at 99% with "something went wrong". The deadline is tonight at 23:59.',
        'The submit button in the assignment for {course} does nothing. I tried {browser} and another browser. My file is a PDF of 14 MB.',
      ],
      outcomes: [
        'My submission accepted on time, or confirmation that a late upload will not be penalised.',
        'Proof that I tried to submit before the deadline.',
      ],
      questions: [
        'Could you send me a screenshot of the error and the size of the file? Files over 50 MB are refused, and some PDF exports from scanners cause this.',
      ],
      answers: [
        'Screenshot attached. The file is {size} MB, exported from Word.',
        'It is a scanned PDF, maybe that is the problem. Screenshot attached.',
      ],
      notes: [
        'Storage quota on the course was full; increased it. Informed the course coordinator about the late submission.',
        'The PDF has a broken font table; re-saving fixes it. Known LMS bug, ticket with vendor.',
      ],
      fixes: [
        'The course storage for {courseCode} was full, which blocked every upload. I have increased it and your submission went through. I also told the course coordinator that you tried before the deadline.',
        'Your file had a damaged internal structure that the LMS rejects. Saving it again as PDF ("Print to PDF") fixes it; I checked and your submission is now in.',
      ],
    },
    {
      titles: ['{courseCode} is missing from my course list', "I don't see {course} in the LMS", 'Course page not visible'],
      descriptions: [
        'I am registered for {course} ({courseCode}) but the course does not appear in my LMS dashboard. The first lecture was on {weekday}.',
        'All my courses are there except {courseCode}. Classmates can see it. I am enrolled in the student information system.',
      ],
      outcomes: ['Access to the course materials this week.'],
      questions: ['When did you register for the course? Changes from the student information system reach the LMS overnight.'],
      answers: ['I registered late, on {weekday}, after the deadline was extended.', 'Two weeks ago already.'],
      notes: [
        'Enrolment sync failed for this course section; added manually and raised with the LMS admin.',
        'Student registered for the wrong group; course coordinator to move them.',
      ],
      fixes: [
        "I've added you to {courseCode}; you'll find it on your dashboard now. Your registration was processed after the last sync, which is why it did not appear.",
        'You are now enrolled in the LMS course for {course}. The nightly sync had skipped your registration.',
      ],
    },
    {
      titles: ['Online quiz closed while I was answering', 'Lost my answers in the {courseCode} quiz', 'Quiz submitted itself too early'],
      descriptions: [
        'During the online quiz for {course} the page froze and when I reloaded it said the attempt was finished. I had answered only half.',
        'The quiz timer ran out after 20 minutes although it should be 45. My attempt was submitted automatically.',
      ],
      outcomes: ['A new attempt for the quiz.', 'That my answers are not graded as a fail.'],
      questions: ['Can you tell me the time you started the attempt and which browser you used? Then I can find it in the logs.'],
      answers: ['I started at about 10:05 on {browser}.', 'Around 14:30, on the university laptop in the library.'],
      notes: [
        'Logs show time limit set to 20 min by mistake in the quiz settings. Reported to coordinator.',
        'Session expired mid-attempt: known issue with long quizzes in the old theme.',
      ],
      fixes: [
        'The quiz had the wrong time limit configured. The course coordinator has granted you a new attempt, available until Friday.',
        'I found your attempt in the logs; your session expired during the quiz. Your lecturer has reopened the attempt so you can finish it.',
      ],
    },
  ],
  'it.email': [
    {
      titles: ['Not receiving emails from outside the university', 'Mailbox not getting external mail', 'Emails from my bank never arrive'],
      descriptions: [
        'I do not receive any emails from outside the university since {weekday}. Internal mail works. My internship company says they sent three messages.',
        'Messages from gmail addresses do not arrive in my student mailbox, not even in junk.',
      ],
      outcomes: ["Receiving the internship company's emails."],
      questions: [
        'Do you have any forwarding rules or filters set up in your mailbox? Could you also give me the sender address of one missing message?',
      ],
      answers: [
        'I had a rule to forward everything to my private address, I forgot about it. Sender is hr@company.example.',
        'No rules. One sender is {personal}.',
      ],
      notes: [
        'Message trace: external messages quarantined as bulk by the new spam policy. Released and whitelisted.',
        'Inbox rule forwarding to a full private mailbox; messages bounced.',
      ],
      fixes: [
        'Your messages were held by the spam filter. I released them, so you should see them in your inbox now, and I have adjusted the filter for your address.',
        'A forwarding rule sent your mail to an address that was full, so it bounced. I removed the rule with your permission; mail arrives in your inbox again.',
      ],
    },
    {
      titles: ['Suspicious email asking for my password', 'Possible phishing: "your mailbox is full"', 'I clicked a link in a fake email'],
      descriptions: [
        'I got an email saying my mailbox is full and I must log in to keep my files. It looks like our login page but the address is strange. I am afraid I entered my password.',
        'Several students in my course got a message from "IT Support" asking to confirm our accounts. Is this real?',
      ],
      outcomes: ['Knowing whether my account is safe.'],
      questions: ['Did you enter your password on that page? If so, please change it right away and tell me roughly when you entered it.'],
      answers: ['Yes, around 09:15 this morning. I changed my password just now.', 'No, I did not click it. I only forwarded it to you.'],
      notes: [
        'Sign-in logs: no foreign logins after the password change. Blocked the phishing domain.',
        'Same campaign as yesterday; 40 recipients. Purged from all mailboxes.',
      ],
      fixes: [
        'Thank you for reporting it. It was phishing; we removed the message from every mailbox and blocked the site. Your sign-in history shows no one else used your account, and your new password is in place.',
        'This was a phishing message, and reporting it helped: we blocked it for everyone. Nothing happened to your account.',
      ],
    },
  ],
  'it.software': [
    {
      titles: ['{software} licence expired', 'Cannot activate {software}', '{software} says my licence is not valid'],
      descriptions: [
        'When I open {software} it says the licence has expired and asks for a key. I installed it from the software portal last semester.',
        'I need {software} for my course but activation fails with "licence server unreachable".',
      ],
      outcomes: ['Working {software} before my assignment deadline.'],
      questions: ['Are you on campus or at home when you open it? Off campus it needs the VPN to reach the licence server.'],
      answers: ['At home, without VPN. I will try with the VPN.', 'On campus, in the {building}.'],
      notes: [
        'Campus licence renewed on the 1st; old installer has the old key embedded.',
        'Licence pool exhausted during exam week; added 50 seats.',
      ],
      fixes: [
        'The yearly licence was renewed, and installations from last year still use the old key. Please download {software} again from the software portal and it will activate.',
        'Off campus, {software} needs the VPN to check its licence. Connect the VPN first and it will start normally.',
      ],
    },
    {
      titles: ['Office asks me to sign in every time', 'Microsoft 365 not activated on my Mac', 'Word is in read-only mode'],
      descriptions: [
        'Word and Excel open in read-only mode and say the product is not activated, although I signed in with my student account.',
        'Every time I open Office on my {device} I have to sign in again, and then it still says "unlicensed product".',
      ],
      outcomes: ['Office working normally on my laptop.'],
      questions: [
        'Could you check which account is shown under File > Account? Sometimes Office is signed in with a private Microsoft account.',
      ],
      answers: ['It shows my private hotmail account. Should I sign out?', 'It shows my student address.'],
      notes: [
        'Student had reached the 5-device limit. Removed two old installs.',
        'Licence assignment missing after programme change; re-added.',
      ],
      fixes: [
        'Your Office licence was not assigned after your programme change. I added it; sign out of Office, sign in with your student address, and it will activate.',
        'Office was signed in with your private account. After signing in with your student account it is activated.',
      ],
    },
  ],
  'registrar.enrolment': [
    {
      titles: [
        'Cannot register for {course}: "prerequisites not met"',
        'Course registration blocked for {courseCode}',
        'Enrolment system says I miss a prerequisite',
      ],
      descriptions: [
        'I want to register for {course} but the system blocks me because I have not passed the prerequisite. I passed it at my previous university and it was approved as an exemption.',
        'Registration for {courseCode} closes on Friday and I get a prerequisite error, although my grade for the required course is in the system.',
      ],
      outcomes: ['Being registered for {courseCode} before the deadline.'],
      questions: ['Could you send the exemption decision from the Examination Board? We need the decision number to add it manually.'],
      answers: ['Attached is the decision letter, number EB-{number}.', 'I forwarded the email from the Examination Board.'],
      notes: [
        'Exemption recorded in SIS but not linked to the prerequisite rule. Manual override applied.',
        'Prerequisite rule for {courseCode} was set on the wrong course version.',
      ],
      fixes: [
        'You are now registered for {courseCode}. Your exemption was recorded but not linked to the prerequisite check; we linked it, so it will not block you again.',
        'I registered you manually for {course}. The check looked at an older version of the prerequisite course.',
      ],
    },
    {
      titles: ['Re-enrolment for next year not possible', "Can't re-enrol, outstanding payment?", 'Re-enrolment stuck at "pending"'],
      descriptions: [
        'My re-enrolment request has been "pending" for two weeks. I paid the tuition fee. My residence permit renewal depends on it.',
        'The portal does not let me re-enrol and says there is an outstanding payment, but Financial Aid says everything is paid.',
      ],
      outcomes: ['Confirmation that I am enrolled, so I can renew my residence permit.'],
      questions: ['Could you send a copy of the payment confirmation? We will check it with Financial Aid.'],
      answers: ['Here is the bank confirmation of the transfer on the {day}.', 'Attached. I paid by direct debit.'],
      notes: [
        'Payment booked to the wrong student number by Finance; corrected.',
        'Waiting for finance sync; forced the status after checking the payment.',
      ],
      fixes: [
        'Your re-enrolment is complete. The payment was booked but had not reached our system yet; we processed it by hand. You will receive the enrolment confirmation by email today.',
        'A payment had been booked to another student number. Financial Aid corrected it and your re-enrolment is now final.',
      ],
    },
  ],
  'registrar.transcripts': [
    {
      titles: [
        'Official transcript needed for visa application',
        'Urgent: certified transcript for embassy',
        'Transcript with stamp for my visa',
      ],
      descriptions: [
        'I need an official, stamped transcript for my visa application at the {country} embassy. My appointment is in two weeks. How can I get one?',
        'The embassy asks for a certified transcript in English. The one I can download is not accepted because it has no stamp.',
      ],
      outcomes: ['A stamped transcript before my embassy appointment.'],
      questions: [
        'Do you need a paper copy or is a digitally signed PDF accepted by the embassy? And should it include the courses of this semester?',
      ],
      answers: ['They need paper, with a stamp. Including this semester if possible.', 'A signed PDF is fine according to their website.'],
      notes: ['Printed and stamped, ready at the front desk.', 'Digitally signed transcript generated, sent via secure mail.'],
      fixes: [
        'Your stamped transcript is ready. You can pick it up at the front desk of the Registrar, or we can post it; it includes all results up to last week.',
        'I sent you a digitally signed transcript. Embassies that accept digital documents can verify the signature online with the code on the last page.',
      ],
    },
    {
      titles: ['Grade missing on my transcript', 'Transcript shows wrong credits for {courseCode}', 'Transcript incomplete'],
      descriptions: [
        'My transcript does not show {course}, which I passed in {month}. I need the complete transcript for a master application.',
        'The credits for {courseCode} are listed as 5 instead of 7.5 on my transcript.',
      ],
      outcomes: ['A corrected transcript I can send with my application.'],
      questions: ['Do you know which group or lecturer you took it with? The grade might still be waiting for approval.'],
      answers: ['It was with the {weekday} group, I got the grade by email.', 'The lecturer told me it was entered weeks ago.'],
      notes: [
        'Grade entered but not approved by the examiner. Reminded examiner.',
        'Credits wrong in the course catalogue for that year; fixed in SIS.',
      ],
      fixes: [
        'The grade was waiting for the examiner to approve it; it is approved now and your transcript is complete. You can download the new version from the portal.',
        'The credits were wrong in the course catalogue for that year. It is corrected and your transcript now shows 7.5 credits.',
      ],
    },
  ],
  'registrar.exams': [
    {
      titles: ['Two exams at the same time', 'Exam clash: {courseCode} and another course', 'My exams overlap on {weekday}'],
      descriptions: [
        'In the exam schedule my exams for {courseCode} and another course are both on {weekday} at 13:30. What should I do?',
        'I have two exams scheduled at the same time in week 9. I am following a minor, which is probably why.',
      ],
      outcomes: ['One of the exams moved to another time slot.'],
      questions: ['Could you send the course codes of both exams? We will check whether an alternative session exists.'],
      answers: ['{courseCode} and MIN-204.', 'The other one is the statistics exam, STA-110.'],
      notes: [
        'Alternative session for minor students exists on Friday; registered student there.',
        'Clash caused by late timetable change; four more students affected.',
      ],
      fixes: [
        'We moved your second exam to the alternative session on Friday at 09:00 in the sports hall. You will see it in your schedule tomorrow.',
        'There is a special session for minor students. I registered you for it; details are in your exam schedule.',
      ],
    },
    {
      titles: ['Forgot to register for the resit', 'Resit registration closed', 'Late registration for {courseCode} resit'],
      descriptions: [
        'I missed the registration deadline for the resit of {course}. I was ill that week. Is late registration still possible?',
        'The resit registration closed yesterday and I could not register because the portal gave an error.',
      ],
      outcomes: ['Being allowed to take the resit.'],
      questions: ['Do you have a screenshot of the error, or a note from the student counsellor about your illness?'],
      answers: ['Yes, screenshot attached.', 'I have an email from the counsellor, forwarding it now.'],
      notes: ['Late registration approved by exam office under the hardship rule.', 'Portal logs confirm the error; registering manually.'],
      fixes: [
        'You are registered for the resit of {courseCode}. Because you showed the portal error, the late fee is waived.',
        'The exam office approved your late registration. You will find the resit in your schedule.',
      ],
    },
  ],
  'registrar.grades': [
    {
      titles: ['Grade for {courseCode} still not published', 'Missing grade after 20 working days', 'When will my {course} grade be in?'],
      descriptions: [
        'The exam for {course} was more than 20 working days ago and there is still no grade. Other groups already have theirs.',
        'My grade for {courseCode} is missing while my classmates have theirs. I need it for my internship application.',
      ],
      outcomes: ['My grade published, or a date when it will be.'],
      questions: ['Could you confirm the date of the exam and your group? Then I can check with the examiner.'],
      answers: ['The exam was on the {day}, group B.', 'It was the {weekday} morning exam.'],
      notes: [
        'Examiner had the exam marked as "absent" for this student by mistake.',
        'Grade list was uploaded without this student; asked examiner to add.',
      ],
      fixes: [
        'Your grade is now published. The examiner had left you off the grade list by mistake.',
        'The grade for {courseCode} is in the system now. Apologies for the wait.',
      ],
    },
    {
      titles: ['How do I appeal my grade? Deadline question', 'Appeal deadline for {courseCode}', 'Want to object to an exam grade'],
      descriptions: [
        'I disagree with my grade for {course}. The review session was cancelled. How long do I have to appeal and where do I submit it?',
        'Can I still appeal the grade for {courseCode}? The grade was published three weeks ago.',
      ],
      outcomes: ['Knowing how to appeal before the deadline.'],
      questions: ['When was the grade published exactly? The six-week appeal period starts on that date.'],
      answers: ['On the {day} of {month}.', 'About three weeks ago.'],
      notes: ['Pointed to the Examination Appeals Board form; within the deadline.'],
      fixes: [
        'You have six weeks from the publication date, so you are in time. Submit the appeal with the online form of the Examination Appeals Board; I linked our article "Appealing a grade" with the steps.',
        'You can still appeal. Ask for the review first (the examiner must offer a new moment if the session was cancelled); if you still disagree, file the appeal within six weeks of publication.',
      ],
    },
  ],
  'registrar.letters': [
    {
      titles: ['Proof of enrolment for my bank', 'Enrolment letter in English', 'Need a student status certificate'],
      descriptions: [
        'My bank asks for a proof of enrolment for a student account. Can I get a letter in English?',
        'For my health insurance I need an official certificate that I am a full-time student this year.',
      ],
      outcomes: ['A signed letter I can send today.'],
      questions: ['Should the letter mention your expected graduation date? Some organisations require it.'],
      answers: ['Yes please, the insurer asked for it.', 'No, only that I am enrolled.'],
      notes: ['Generated from template EN-02.'],
      fixes: [
        'You can download a signed proof of enrolment yourself in the portal under "My documents". I generated one for you now and attached it to this ticket.',
        'I attached the signed certificate, including your expected graduation date.',
      ],
    },
  ],
  'finaid.invoice': [
    {
      titles: ['Invoice charged twice', 'Tuition fee debited twice this month', 'Double charge on my tuition instalment'],
      descriptions: [
        'My bank account was charged twice for the tuition instalment of {month} ({amount} each). Please refund the second payment; I need that money for rent.',
        'I see two identical debits of {amount} from the university on the same day. I only have one invoice.',
      ],
      outcomes: ['The double payment refunded this week.', 'A refund of {amount} and a corrected invoice.'],
      questions: ['Could you send a bank statement or screenshot showing both debits, with the dates? Please hide any other transactions.'],
      answers: ['Attached is a screenshot from my banking app with both payments.', 'Here is the statement, both on the {day}.'],
      notes: [
        'Confirmed: direct debit batch ran twice on the {day}. 212 students affected, refund batch approved.',
        'Duplicate collection visible in the ledger; refund raised.',
      ],
      fixes: [
        'You are right: the direct debit ran twice. We have refunded {amount}; it should be in your account within 3 working days. Apologies for the trouble.',
        'The second payment was a duplicate collection. The refund of {amount} has been sent to your bank account.',
      ],
    },
    {
      titles: ['Late payment fee although I paid on time', 'Wrong late fee on my invoice', 'Why was I charged a reminder fee?'],
      descriptions: [
        'I received an invoice with a late payment fee, but I paid on the {day}, before the due date. Please remove the fee.',
        'There is a €25 reminder fee on my account. My payment was on time; the bank confirmation is attached.',
      ],
      outcomes: ['The late fee removed.'],
      questions: [
        'Did you include your student number in the payment reference? Payments without it are matched by hand, which takes a few days.',
      ],
      answers: ['I think I used only my name. Sorry.', 'Yes, the reference was my student number.'],
      notes: [
        'Payment arrived without reference; matched manually, fee reversed.',
        'System added the fee before the bank file was processed.',
      ],
      fixes: [
        'I removed the late payment fee. Your payment arrived on time, but without your student number, so it was matched a few days later.',
        'The fee was added before your payment was processed. It is reversed and your balance is zero.',
      ],
    },
    {
      titles: [
        'Invoice shows the wrong tuition rate',
        'Charged the institutional fee instead of the statutory fee',
        'Wrong fee category on my invoice',
      ],
      descriptions: [
        'My invoice charges the institutional rate, but I am an EU student and should pay the statutory fee. The difference is {amount}.',
        'I think my fee category is wrong. Last year I paid much less, and my nationality has not changed.',
      ],
      outcomes: ['An invoice with the correct fee.'],
      questions: ['Could you upload a copy of your passport or ID card to the portal? The nationality check needs to be redone.'],
      answers: ['Uploaded it just now.', 'I uploaded it at the start of the year, but I did it again.'],
      notes: [
        'Nationality check failed after a name change; redone. Fee recalculated.',
        'Waiting for the national register to confirm, 5 days.',
      ],
      fixes: [
        'After checking your nationality again your fee is now the statutory rate. The corrected invoice is in the portal, and the overpayment will be refunded.',
        'Your fee category is corrected. You will receive a new invoice; the old one is cancelled.',
      ],
    },
  ],
  'finaid.scholarships': [
    {
      titles: ['Scholarship payment not received', 'When is the {month} scholarship instalment paid?', 'Grant payment missing'],
      descriptions: [
        'My scholarship instalment for {month} has not arrived. Normally it comes on the 25th. I have rent due.',
        'I was told my grant was approved but I have not received anything yet.',
      ],
      outcomes: ['The payment on my account this week.'],
      questions: ['Did you update your bank details recently? Could you confirm the last four digits of the account we should pay to?'],
      answers: ['Yes, I changed banks in {month}. The last digits are {digits}.', 'No changes. It ends in {digits}.'],
      notes: [
        'Payment returned by bank: IBAN closed. Re-issued to new IBAN.',
        'Instalment held because the study progress check was not done; done now.',
      ],
      fixes: [
        'The payment was returned because your old bank account is closed. We sent it again to your new account; it arrives within 3 working days.',
        'Your instalment was held for the annual progress check, which is now complete. The payment was released today.',
      ],
    },
    {
      titles: ['Question about the hardship fund', 'Can I apply for emergency support?', 'Application for the student support fund'],
      descriptions: [
        'Because of a family situation I cannot pay my rent this month. Is there an emergency fund I can apply for?',
        'I heard there is a hardship fund. Am I eligible as an international student, and how long does it take?',
      ],
      outcomes: ['Knowing if I can get support and how fast.'],
      questions: [
        'To advise you properly, could you tell me roughly how much you are short and for how long? Everything you tell us is confidential.',
      ],
      answers: ['About {amount} for two months.', 'Around {amount}, until my new job starts.'],
      notes: ['Eligible for the emergency fund; application form sent, priority handling.', 'Referred to the student counsellor as well.'],
      fixes: [
        'You are eligible for the emergency fund. I sent you the application form; if you return it this week, the decision follows within 5 working days.',
        'Your application was approved: {amount} will be paid to your account within 3 working days.',
      ],
    },
  ],
  'finaid.paymentPlans': [
    {
      titles: ['Can I pay tuition in instalments?', 'Switch to monthly payments', 'Payment plan for the rest of the year'],
      descriptions: [
        'I would like to pay the rest of my tuition fee in monthly instalments instead of one payment. Is that still possible this year?',
        'Can I change from one payment to ten instalments? My financial situation changed.',
      ],
      outcomes: ['A payment plan with monthly amounts I can manage.'],
      questions: [
        'For a payment plan we need a signed direct debit mandate. Could you fill in the form in the portal and let me know when it is done?',
      ],
      answers: ['I signed it today.', 'Done, I uploaded it.'],
      notes: ['Mandate received; plan with 7 remaining instalments set up.', 'Admin fee waived (first change this year).'],
      fixes: [
        'Your payment plan is set up: the remaining amount is split into monthly instalments, collected on the 28th. The first one is next month.',
        'Done: you now pay in instalments. The schedule is visible in the portal under "Payments".',
      ],
    },
    {
      titles: ['Direct debit failed, what now?', 'Missed an instalment', 'Instalment bounced'],
      descriptions: [
        'My instalment could not be collected because my balance was too low. Will I lose my payment plan?',
        'The bank rejected the direct debit this month. Can you try again next week?',
      ],
      outcomes: ['Keeping my payment plan.'],
      questions: ['When can you make sure the amount is available? We can collect again on a date you choose.'],
      answers: ['From Friday the money will be there.', 'Next Monday, after my salary.'],
      notes: ['Second collection scheduled; no deregistration risk yet.'],
      fixes: [
        'No problem: we will collect the instalment again on the date you gave. Your payment plan stays as it is.',
        'The instalment was collected successfully. Your plan continues as normal.',
      ],
    },
  ],
  'finaid.refunds': [
    {
      titles: [
        'Refund after withdrawing from my programme',
        'When do I get my tuition refund?',
        'Refund for the months after deregistration',
      ],
      descriptions: [
        'I deregistered on the {day} of {month} and was told I would get a refund for the remaining months. I have not received anything.',
        'I stopped my studies last month. How much tuition will be refunded and when?',
      ],
      outcomes: ['The refund amount and date.'],
      questions: ['Could you confirm your IBAN in the portal? The refund is only paid to an account in your name.'],
      answers: ['I updated it in the portal.', 'The account is in my name, ending in {digits}.'],
      notes: ['Refund calculated: 4 months. Approved by team lead.', 'Waiting on deregistration to be final in SIS.'],
      fixes: [
        'Your refund of {amount} for the remaining months is approved and will be paid within 10 working days.',
        'The refund has been paid to your account today.',
      ],
    },
  ],
  'library.loans': [
    {
      titles: ['Fine for a book I returned', 'Overdue fine although I returned {book}', 'Book still on my account after returning it'],
      descriptions: [
        'I returned "{book}" at the drop box on {weekday}, but my account still shows it as overdue and I have a fine.',
        'The library system says I still have a book I brought back two weeks ago.',
      ],
      outcomes: ['The fine removed and the book off my account.'],
      questions: ['Do you remember which drop box you used? We will check the shelves and the returns trolley.'],
      answers: ['The one next to the main entrance.', 'The drop box at the {building}.'],
      notes: ['Found on the returns trolley, not scanned. Checked in with the original date.'],
      fixes: [
        'We found the book on the returns trolley; it had not been scanned. I checked it in with the date you returned it and removed the fine.',
        'The book is off your account and the fine is cancelled. Sorry for the mix-up.',
      ],
    },
    {
      titles: ['Cannot renew my loans', 'Renewal blocked in the library account', 'Renew button greyed out'],
      descriptions: [
        'I want to renew my books but the renew button is greyed out. I need them for my thesis.',
        'My loans cannot be renewed online. Do I need to come to the library?',
      ],
      outcomes: ['Keeping the books a few more weeks.'],
      questions: ['One of your books has been reserved by another student, which blocks renewing it. Would you like to keep the others?'],
      answers: ['Yes please, I can bring the reserved one back.', 'OK, I will return that one tomorrow.'],
      notes: ['Renewed the unreserved items manually.'],
      fixes: [
        'I renewed all your books except the reserved one, which is due on Friday. The others are now due in four weeks.',
        'Your loans are renewed until the end of next month.',
      ],
    },
  ],
  'library.rooms': [
    {
      titles: ['Study room booking disappeared', 'My group room reservation was cancelled', 'Double booking of study room {room}'],
      descriptions: [
        'We booked group study room {room} for {weekday} 13:00-17:00 a week ago, but the booking is gone and another group is there.',
        'I got an email that my booking was cancelled, but I did not cancel it.',
      ],
      outcomes: ['A room for our group this week.'],
      questions: ['Did you check in within 15 minutes of the start? Bookings without check-in are released automatically.'],
      answers: ['We were ten minutes late, maybe that is it.', 'We checked in on time.'],
      notes: ['No-show release kicked in; rebooked as a courtesy.', 'Booking system sync error this morning, 6 bookings affected.'],
      fixes: [
        'The booking was released because the check-in was missed. I booked room {room} for your group on Thursday afternoon instead.',
        'A sync error cancelled a few bookings this morning. I restored yours and confirmed it by email.',
      ],
    },
    {
      titles: ['Can I book a silent study place during exams?', 'Reserving a study place for exam weeks'],
      descriptions: [
        'Is it possible to reserve a silent study place for the exam weeks? The library is always full.',
        'How far in advance can I book a study place?',
      ],
      outcomes: ['A guaranteed place during exam weeks.'],
      questions: ['Which days would you like, and do you need a place with a power socket?'],
      answers: ['Monday to Thursday, with a socket please.', 'Just the mornings.'],
      notes: ['Explained the 7-day booking window.'],
      fixes: [
        'You can book a silent study place up to 7 days ahead in the room booking tool. I have reserved a place with a socket for next week; after that you can book it yourself.',
        'Study places can be booked a week ahead. I added the link to our article "Booking a study room" for the details.',
      ],
    },
  ],
  'library.eresources': [
    {
      titles: [
        "Can't access journal articles from home",
        'Off-campus access to {database} not working',
        '{database} asks me to pay for articles',
      ],
      descriptions: [
        'From home I cannot open articles in {database}; it asks me to pay or log in. On campus it works.',
        'The link to {database} in the library catalogue gives "access denied" when I am at home.',
      ],
      outcomes: ['Reading the articles from home for my thesis.'],
      questions: ['Do you open the database through the library website (so the login page appears), or through Google Scholar?'],
      answers: ['Through Google Scholar.', 'Through the library website, and the login page does not appear.'],
      notes: ['Proxy configuration for {database} was missing after their domain change. Fixed.'],
      fixes: [
        'Open the database through the library website so you are sent through our login; then full text works from home. For Google Scholar, add our library in its settings.',
        '{database} had changed its web address and our access link pointed to the old one. It is fixed and works from home again.',
      ],
    },
    {
      titles: ['Request a book we do not have', 'Interlibrary loan request', 'E-book only allows one reader at a time'],
      descriptions: [
        'I need "{book}" for my thesis. The library does not have it. Can you order it or get it from another library?',
        'The e-book for {courseCode} can only be read by one person at a time, and the whole class needs it this week.',
      ],
      outcomes: ['Access to the book this month.'],
      questions: ['Do you need the whole book, or a chapter? A chapter can be scanned within a few days.'],
      answers: ['Chapters 3 and 4 would be enough.', 'The whole book, please.'],
      notes: ['Ordered via interlibrary loan, expected in 8 days.', 'Upgraded the e-book licence to unlimited users.'],
      fixes: [
        'We ordered the book through interlibrary loan; you will get an email when it is ready to collect, probably within 8 days.',
        'We upgraded the e-book licence: the whole class can now read it at the same time.',
      ],
    },
  ],
  'library.printing': [
    {
      titles: ['Print credit gone but nothing printed', 'Printer took my credit and printed nothing', 'Refund of print credit'],
      descriptions: [
        'I sent a document to the printer on the second floor; {amountSmall} was deducted but nothing was printed.',
        'The printer in the library jammed and still charged me for 40 pages.',
      ],
      outcomes: ['My print credit back.'],
      questions: ['Which printer was it and roughly at what time?'],
      answers: ['{printer}, around 11:00.', 'The one near the silent area, about 15:30.'],
      notes: ['Printer log shows jam on job; refunded.'],
      fixes: [
        'I refunded the credit for the failed print job; it is back on your account. The printer has been repaired.',
        'Your print credit is restored. Thanks for reporting the jam.',
      ],
    },
    {
      titles: ['Scanner does not send to my email', 'Scan to email not arriving'],
      descriptions: [
        'I scanned 20 pages at the library scanner and chose "send to my email", but nothing arrived.',
        'The scan function says "sent" but my mailbox is empty, also in junk.',
      ],
      outcomes: ['Getting my scans.'],
      questions: ['Did you log in at the scanner with your student card, or type your address by hand?'],
      answers: ['I typed the address.', 'With my card.'],
      notes: ['Mail relay for the scanners rejected the new domain; IT fixed relay.'],
      fixes: [
        'The scanners could not send mail for an hour this morning. It is fixed; please scan again, and log in with your card so it goes to your own address.',
        'Scans sent to a typed address are blocked for security. Log in with your student card and choose "Scan to me".',
      ],
    },
  ],
  'housing.maintenance': [
    {
      titles: ['No heating in my room in {dorm}', 'Radiator cold in room {room}', 'Heating broken, {dorm}'],
      descriptions: [
        'The radiator in my room ({dorm}, room {room}) has been cold for two days. It is 14 degrees inside.',
        'Our heating does not work. The whole corridor in {dorm} is cold since {weekday}.',
      ],
      outcomes: ['Heating working again before the weekend.'],
      questions: [
        'Is the valve on the radiator fully open, and is the radiator cold at the top as well? Then we know whether it needs bleeding.',
      ],
      answers: ['The valve is open, and it is cold everywhere.', 'Warm at the bottom, cold at the top.'],
      notes: ['Contractor booked for tomorrow morning.', 'Boiler fault in {dorm}; contractor on site.'],
      fixes: [
        'The technician bled the radiators and restarted the boiler in {dorm}; the heating is working again. Let us know if your room stays cold.',
        'The broken valve in your room has been replaced. The heating should be back to normal.',
      ],
    },
    {
      titles: ['Leak under the kitchen sink ({dorm})', 'Water leaking in the bathroom', 'Shower drain blocked'],
      descriptions: [
        'There is water leaking under the sink in our shared kitchen in {dorm}. We put a bucket under it.',
        'The shower in room {room} does not drain; the water stays for an hour.',
      ],
      outcomes: ['The leak repaired.'],
      questions: ['Is the water coming from the tap or from the drain pipe? A photo would help the plumber.'],
      answers: ['Photo attached, it drips from the pipe.', 'From the drain, I think.'],
      notes: ['Plumber scheduled.'],
      fixes: [
        'The plumber replaced the leaking pipe under the sink. Please report it again if you see water.',
        'The drain was cleared; it flows normally again.',
      ],
    },
    {
      titles: ['Broken window latch in room {room}', 'Desk lamp and socket not working', 'Mould in my bathroom'],
      descriptions: [
        'The window in my room ({dorm}, {room}) does not close properly; the latch is broken and it is cold and noisy.',
        'There is black mould on the ceiling of my bathroom. It keeps coming back after cleaning.',
      ],
      outcomes: ['A repair this week.'],
      questions: ['When are you home, so the technician can come in? Or do you give permission to enter with the master key?'],
      answers: ['You can enter with the master key.', 'I am home on Tuesday and Thursday mornings.'],
      notes: ['Work order created.', 'Mould: ventilation fan broken; replacing fan and treating ceiling.'],
      fixes: [
        'The technician repaired the window latch today.',
        'The bathroom fan was broken, which caused the mould. The fan is replaced and the ceiling treated.',
      ],
    },
  ],
  'housing.keys': [
    {
      titles: ['Locked out of my room', 'Lost my room key', 'Locked out, {dorm}'],
      descriptions: [
        'I locked myself out of my room in {dorm} ({room}). My phone is inside.',
        'I lost my room key, probably on the bus. Can I get a new one and should the lock be changed?',
      ],
      outcomes: ['Getting back into my room.'],
      questions: ['Can you come to the housing desk with your ID? We can give you a temporary key.'],
      answers: ['On my way.', 'I can come in 20 minutes.'],
      notes: ['Temporary key issued against ID.', 'Lock cylinder change ordered, €45 charged per policy.'],
      fixes: [
        'You picked up the temporary key; please bring it back within 24 hours.',
        'We replaced the lock cylinder and you have new keys. The cost is added to your next rent invoice.',
      ],
    },
    {
      titles: ['Access card does not open the main door', 'Building access card stopped working', 'Card reader at {dorm} rejects my card'],
      descriptions: [
        'My access card does not open the main entrance of {dorm} anymore. It worked until yesterday.',
        'The card reader blinks red when I use my card. My contract was extended last month.',
      ],
      outcomes: ['Access to my building.'],
      questions: ['Could you give the number printed on the back of the card?'],
      answers: ['It is {digits}-{number}.', 'Number {number}.'],
      notes: ['Access rights ended on old contract end date; extended.'],
      fixes: [
        'Your access rights were still linked to your old contract end date. They are extended, so your card works again.',
        'The card is reactivated; it may take up to 10 minutes to reach all doors.',
      ],
    },
  ],
  'housing.allocation': [
    {
      titles: ['Request to move to another room', 'Room swap with a friend', 'Can I change rooms next semester?'],
      descriptions: [
        'I would like to move to a room in {dorm} next semester, closer to my faculty. Is that possible?',
        'My friend and I want to swap rooms. We both agree. How does it work?',
      ],
      outcomes: ['Moving before the next semester.'],
      questions: ['Are you both on a contract for the full year? Swaps are only possible between rooms in the same price category.'],
      answers: ['Yes, both full-year contracts, same category.', 'Mine ends in August.'],
      notes: ['Swap approved; contracts adjusted from 1st of next month.'],
      fixes: [
        'Your room swap is approved from the first of next month. New contracts will be sent to you both to sign.',
        'You are on the list for a room in {dorm}; we expect a place to be free next semester and will offer it to you first.',
      ],
    },
  ],
  'housing.neighbours': [
    {
      titles: ['Noise every night in {dorm}', 'Loud parties next door', 'Neighbours playing music until 3 am'],
      descriptions: [
        'The people next door ({dorm}) play loud music until 3 in the morning several nights a week. I have exams.',
        'There are parties in the common room almost every night and it is impossible to sleep.',
      ],
      outcomes: ['Quiet at night.'],
      questions: ['Could you tell us the room number and the nights it happens? We will talk to the residents.'],
      answers: ['Room {room}, mostly Thursday to Saturday.', 'Every night this week.'],
      notes: ['Residents spoken to, first warning issued.'],
      fixes: [
        'We spoke to the residents and issued a formal warning. If it happens again, report it the same night so the caretaker can come.',
        'The house rules were explained to the residents; quiet hours start at 23:00. Please let us know if it continues.',
      ],
    },
  ],
  'housing.rent': [
    {
      titles: ['Deposit not returned after moving out', 'When do I get my deposit back?', 'Deposit deduction I do not agree with'],
      descriptions: [
        'I moved out on the {day} of {month} and left the room clean. I have not received my deposit of {amount} yet.',
        'My deposit was returned minus {amountSmall} for cleaning, but the room was spotless. I have photos.',
      ],
      outcomes: ['My full deposit back.'],
      questions: ['Could you send the photos you took when you left and the bank account for the refund?'],
      answers: ['Photos attached, IBAN is in the portal.', 'Sent them by email.'],
      notes: ['Inspection report shows no damage; deduction was a mistake.'],
      fixes: [
        'After reviewing the inspection report and your photos, the deduction is cancelled. The remaining amount is paid within 5 working days.',
        'Your deposit of {amount} has been refunded today.',
      ],
    },
  ],
  'services.wellbeing': [
    {
      titles: ['Would like to talk to a student counsellor', 'Appointment with a counsellor', 'Feeling overwhelmed before exams'],
      descriptions: [
        'I have been very stressed and not sleeping well for weeks, and I am behind with my studies. I would like to talk to someone.',
        'I am struggling with some personal things at home and it affects my studies. Can I make an appointment with a counsellor?',
      ],
      outcomes: ['An appointment this week.', 'Someone to talk to about my study plan.'],
      questions: [
        'Thank you for reaching out. Would you prefer an appointment in person or by video, and are mornings or afternoons better?',
      ],
      answers: ['In person, mornings if possible.', 'Video call would be easier, afternoons.'],
      notes: ['Intake booked with counsellor; no acute risk indicated.'],
      fixes: [
        'I have booked an intake with one of our student counsellors this week; the invitation is in your email. If things feel urgent before then, the 24/7 support line is in our article "Talking to someone".',
        'Your appointment is confirmed. The counsellor can also help you plan your studies and, if needed, request extra time for deadlines.',
      ],
    },
  ],
  'services.accessibility': [
    {
      titles: ['Extra exam time not applied', 'My exam arrangements were not in place', 'Request for extra time during exams'],
      descriptions: [
        'I have an approved arrangement for 30 minutes extra exam time, but at the {courseCode} exam the invigilator did not know about it.',
        'I have dyslexia and would like to request extra time and a separate room for exams. What do I need to provide?',
      ],
      outcomes: ['My arrangements in place for the next exams.'],
      questions: ['Could you upload your statement from a specialist (or the previous decision) to the portal?'],
      answers: ['Uploaded the statement.', 'I sent the decision from last year.'],
      notes: [
        'Arrangement approved; exam office informed for all remaining exams this year.',
        'Invigilator list missed the arrangement; exam office to review results.',
      ],
      fixes: [
        'Your arrangement is registered for all exams this academic year, and the exam office has added it to the invigilator lists. For the {courseCode} exam, we asked the Examination Board to let you take it again without it counting as an attempt.',
        'Your request is approved: 30 minutes extra time and a quiet room from the next exam period.',
      ],
    },
  ],
  'services.visa': [
    {
      titles: ['Residence permit extension', 'My residence permit expires next month', 'Visa extension, documents needed'],
      descriptions: [
        'My residence permit expires on the {day} of {month}. What do I need to do to extend it, and can the school apply for me?',
        'I received a letter from the immigration service asking for proof of study progress. What should I send?',
      ],
      outcomes: ['The extension submitted before my permit expires.'],
      questions: [
        'Could you confirm that your re-enrolment for next year is complete and that you have the required credits? We need both for the application.',
      ],
      answers: ['Yes, re-enrolled and 48 credits so far.', 'I am re-enrolled. I think I have enough credits.'],
      notes: ['Application submitted via the recognised sponsor portal.'],
      fixes: [
        'We submitted your extension as your recognised sponsor. You will get a letter from the immigration service with an appointment for your biometrics; you may stay while it is being processed.',
        'Send the progress statement you can download in the portal; it is what the immigration service asks for. I attached an example.',
      ],
    },
    {
      titles: ['Registering at the municipality', 'Need a BSN number', 'Appointment for municipality registration'],
      descriptions: [
        'I arrived last week and need to register at the municipality for my BSN, but there are no appointments for a month.',
        'Without a BSN I cannot open a bank account or get paid at my job. Can the school help?',
      ],
      outcomes: ['A BSN within a couple of weeks.'],
      questions: ['Do you already have a rental contract in your name? It is needed for the registration.'],
      answers: ['Yes, for my room in {dorm}.', 'Not yet, I live with a friend for now.'],
      notes: ['Booked a slot in the international registration day.'],
      fixes: [
        'I booked you a slot on our registration day with the municipality next {weekday}; bring your passport and rental contract. You will get your BSN the same day.',
        'You can register with your rental contract at the international desk; I reserved an appointment for you.',
      ],
    },
  ],
  'services.careers': [
    {
      titles: ['Internship agreement needs signature', 'Who signs my internship contract?', 'Internship agreement for approval'],
      descriptions: [
        'My internship company sent the agreement. It needs a signature from the school. Who should I send it to?',
        'Can someone check my internship agreement? The company added a clause about working weekends.',
      ],
      outcomes: ['The signed agreement back before I start.'],
      questions: ['Could you upload the agreement and the name of your internship supervisor at school?'],
      answers: ['Uploaded, my supervisor is dr. {last}.', 'Done.'],
      notes: ['Checked clauses; weekend clause not allowed for credit-bearing internships.'],
      fixes: [
        'Your agreement is signed by the internship coordinator and uploaded to your file. You can send it to the company.',
        'We asked the company to remove the weekend clause; once they send the new version, we sign within two days.',
      ],
    },
    {
      titles: ['CV check before applying', 'Appointment with a career advisor'],
      descriptions: [
        'I am applying for summer internships and would like someone to look at my CV and cover letter.',
        'Can I book an appointment with a career advisor about jobs after graduation?',
      ],
      outcomes: ['Feedback on my CV this week.'],
      questions: ['Which sector are you applying in? Then we match you with the right advisor.'],
      answers: ['Finance and consultancy.', 'Software development.'],
      notes: ['Booked with advisor.'],
      fixes: [
        'I booked you a 30-minute CV check with one of our career advisors; the invitation is in your email.',
        'Your CV feedback is attached. Our advisor also suggested two career events this month.',
      ],
    },
  ],
  'services.studentCard': [
    {
      titles: ['Lost my student card', 'New student card needed', 'Student card broken'],
      descriptions: [
        'I lost my student card. I need it for the library and the exams next week. How do I get a new one?',
        'My student card is broken in half and the chip does not work.',
      ],
      outcomes: ['A new card before my exams.'],
      questions: ['Could you upload a recent passport photo to the portal? Then we can print the new card.'],
      answers: ['Uploaded.', 'I used the same photo as last year, is that OK?'],
      notes: ['Old card blocked, new card printed.'],
      fixes: [
        'Your old card is blocked and the new one is printed. You can collect it at the service desk from tomorrow with your ID.',
        'Your new student card is ready at the Student Services desk.',
      ],
    },
  ],
};

/** Values for {slots}: the school's buildings, courses, software and the like. */
const SLOT_VALUES: Record<string, readonly string[]> = {
  system: ['the student portal', 'the LMS', 'my email', 'Wi-Fi and the portal'],
  dorm: ['Dorm A', 'Dorm B', 'Dorm C', 'Maple House', 'the Harbour residence', 'Kade Tower'],
  room: ['1.04', '1.12', '2.07', '2.21', '3.15', '3.02', '4.11', '0.09'],
  building: ['Main Building', 'Library', 'Science Park building', 'Turing Building', 'Atrium'],
  device: ['MacBook Air', 'Lenovo ThinkPad', 'Dell XPS', 'HP laptop', 'Chromebook', 'Surface Pro'],
  browser: ['Chrome', 'Safari', 'Firefox', 'Edge'],
  software: ['SPSS', 'MATLAB', 'Adobe Creative Cloud', 'Stata', 'AutoCAD', 'NVivo'],
  database: ['JSTOR', 'ScienceDirect', 'PubMed', 'Web of Science', 'Scopus', 'PsycINFO'],
  book: [
    'Principles of Economics',
    'Molecular Biology of the Cell',
    'Research Design',
    'Introduction to Algorithms',
    'The Craft of Research',
  ],
  printer: ['the printer on the second floor', 'the colour printer in the atrium', 'the printer next to the silent area'],
  programme: ['BSc Psychology', 'BSc Computer Science', 'LLB International Law', 'BSc Economics', 'MSc Data Science', 'BA History'],
  country: ['United States', 'Canada', 'United Kingdom', 'Australia', 'Japan', 'South Korea'],
  month: ['September', 'October', 'November', 'December', 'January', 'February', 'March'],
  weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  day: ['3rd', '5th', '8th', '12th', '14th', '17th', '19th', '21st', '24th', '27th'],
  amount: ['€1,084', '€521', '€2,209', '€180', '€650', '€435', '€1,530'],
  amountSmall: ['€3.20', '€4.80', '€6.00', '€12.50', '€35', '€60'],
  size: ['12', '18', '23', '31', '47'],
  digits: ['4821', '0375', '9164', '2290', '7708'],
  number: ['10442', '20917', '31085', '40326', '51190'],
  last: ['de Jong', 'Okoro', 'Hartmann', 'Lindqvist', 'Moreau'],
  personal: ['family.mail@example.com', 'landlord@example.net'],
};

/** {course} and {courseCode} always name the same course. */
const COURSES: readonly (readonly [code: string, name: string])[] = [
  ['STA-101', 'Introduction to Statistics'],
  ['CHE-210', 'Organic Chemistry'],
  ['ACW-100', 'Academic Writing'],
  ['ECO-120', 'Microeconomics'],
  ['CSC-230', 'Data Structures'],
  ['LAW-205', 'European Law'],
  ['BIO-150', 'Cell Biology'],
  ['RM-300', 'Research Methods'],
  ['MKT-220', 'Marketing Strategy'],
  ['MAT-110', 'Linear Algebra'],
];

/** Fills {slots}; the same slot gets the same value throughout one ticket. */
export class Slots {
  private readonly filled = new Map<string, string>();

  constructor(
    private readonly random: Random,
    fixed: Record<string, string>,
  ) {
    for (const [name, value] of Object.entries(fixed)) this.filled.set(name, value);
  }

  set(name: string, value: string): void {
    this.filled.set(name, value);
  }

  fill(template: string): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      let value = this.filled.get(name);
      if (value === undefined && (name === 'course' || name === 'courseCode')) {
        const [code, title] = this.random.pick(COURSES);
        this.filled.set('courseCode', code);
        this.filled.set('course', title);
        value = name === 'course' ? title : code;
      }
      if (value === undefined) {
        const choices = SLOT_VALUES[name];
        if (!choices) throw new Error(`unknown slot ${whole} in "${template}"`);
        value = this.random.pick(choices);
        this.filled.set(name, value);
      }
      return value;
    });
  }
}

/** Sentences any student might add, so descriptions of the same problem read differently. */
export const STUDENT_CONTEXT = [
  'I have a deadline on Friday.',
  'My exam is next week, so this is quite urgent for me.',
  'I already tried restarting everything.',
  'I asked at the front desk and they told me to create a ticket here.',
  'This is the second time this happens this month.',
  'Thank you in advance!',
  'Sorry if this is the wrong department.',
  'Please let me know if you need anything else from me.',
  'I am not on campus until Thursday.',
  'Classmates of mine have the same problem.',
];

export const STUDENT_FOLLOW_UPS = [
  'Hi, is there any news on this? It is still not working.',
  'Any update? I really need this before the end of the week.',
  'Just checking in, has anyone been able to look at this?',
  'Hello again, I still have the same problem. Can someone help?',
];

/** What students add while staff are working on it. */
export const STUDENT_ADDITIONS = [
  'One more thing: it also happens on my phone.',
  'I just tried again and got the same result.',
  'In case it helps: it started after the update last week.',
  'A friend of mine has the same problem since yesterday.',
  'I attached a screenshot of what I see.',
];

export const STUDENT_REOPEN = [
  'Unfortunately it is happening again since this morning.',
  'It worked for a day but now I have exactly the same problem.',
  'This is not solved, I still get the same error.',
  'Sorry, but nothing has changed on my side.',
];

export const STAFF_ACKNOWLEDGEMENTS = [
  'Thanks for letting us know. I am looking into this now and will update you as soon as I know more.',
  'Thank you for the clear description. I have picked this up and I am checking what is going on.',
  "Sorry for the trouble. I'm on it and will get back to you today.",
  'Thanks for reporting this. I have passed it to the right colleague and will keep you posted here.',
];

export const STAFF_UPDATES = [
  'A quick update: we have found the cause and are working on a fix.',
  'Still working on this. I expect to have an answer for you tomorrow.',
  'Thanks for the information, that helps. I have asked a colleague to check the last step.',
  'We are waiting for the supplier to confirm; I will update you as soon as I hear back.',
];

export const STAFF_AFTER_REOPEN = [
  'Sorry that it is back. I have reopened this and I am looking at it again now.',
  'Thanks for telling us. Let me take another look; I will come back to you shortly.',
];

export const STAFF_CLOSING = [
  'If anything is still not right, just reply here and the ticket opens again.',
  'If it happens again, reply to this ticket and we will pick it up straight away.',
  'Let us know if you need anything else.',
];

export const INTERNAL_NOTES = [
  'Same issue as last week; adding to the known-problems list.',
  'Escalated to second line.',
  'Student also called the desk about this.',
  'Checked history: no earlier tickets on this.',
  'Waiting on supplier; follow up on Monday.',
];

/** What students write when they rate, by score; {agent} is the staff member who resolved it. */
export const RATING_COMMENTS: Record<1 | 2 | 3 | 4 | 5, string[]> = {
  5: [
    '{agent} was brilliant, fixed within the hour and explained what went wrong.',
    'Thank you {agent}! Very friendly and fast.',
    'Super quick and clear. Exactly what I needed.',
    '{agent} went the extra mile, even followed up the next day to check.',
    'Really happy with how this was handled.',
    'Fast, kind and solved for good. Thanks {agent}.',
  ],
  4: [
    'Solved, thank you. It took a little longer than I hoped.',
    'Good help, clear instructions.',
    'Friendly and helpful, only the first reply took a while.',
    'Fixed, thanks. Would be nice to get an update in between.',
  ],
  3: [
    'It is solved, but I had to explain the problem twice.',
    'OK in the end, but it took days before anyone answered.',
    'The answer was correct but quite short.',
  ],
  2: [
    'Took far too long. I missed my deadline because of this.',
    'I had to send three reminders before anything happened.',
    'Not really solved, I found a workaround myself.',
  ],
  1: [
    'Nobody answered for a week, and then the ticket was just closed.',
    'Very disappointing. I had to go to the desk in person in the end.',
    'Two weeks for something that should take ten minutes.',
  ],
};
