// The knowledge base, canned responses and staff suggestions: texts first, then the rows.
import type { Prisma, SuggestionStatus } from '../generated/prisma/client.js';
import type { People, Person } from './people.js';
import { type Random, uuidv7 } from './random.js';
import type { CategoryKey, School } from './school.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

interface ArticleText {
  slug: string;
  title: string;
  summary: string;
  category: CategoryKey;
  body: string;
}

const ARTICLES: ArticleText[] = [
  {
    slug: 'reset-your-password',
    title: 'Resetting your password',
    summary: 'Forgot your password or want a new one? Reset it yourself in two minutes.',
    category: 'it.login',
    body: `You can reset your password yourself at any time, also when you cannot sign in.

## Steps
1. Go to the sign-in page and choose **Forgot password**.
2. Enter your student email address (name@students.demo.edu).
3. Confirm with the code sent to your phone or your private email address.
4. Choose a new password of at least 12 characters. A short sentence is easier to remember than a random word.

## After the reset
Your new password works everywhere within a few minutes. **Update it on every device** that uses your account: the mail app on your phone, your tablet, eduroam on your laptop. A device that keeps trying the old password will lock your account again (see "Why your account gets locked").

If the reset page does not accept your details, report it without signing in: use "Report a problem" on the portal's front page, and we will reply to your private email address.`,
  },
  {
    slug: 'set-up-multi-factor-authentication',
    title: 'Setting up multi-factor authentication (MFA)',
    summary: 'Protect your account with a second step: the authenticator app on your phone.',
    category: 'it.login',
    body: `Multi-factor authentication means that a stolen password alone is not enough to get into your account. You need your password and a code or approval from your phone.

## Setting it up
1. Install the authenticator app from your phone's app store.
2. Sign in to the portal and open **My account > Security**.
3. Choose **Add method > Authenticator app** and scan the QR code with the app.
4. Approve the test notification.

We recommend adding a second method as a backup, such as your mobile number. Then a lost phone does not lock you out.

## Good to know
You are asked for the second step about once every 30 days per device, and always on a new device or network abroad.`,
  },
  {
    slug: 'lost-phone-mfa',
    title: 'Lost or replaced your phone? Re-registering MFA',
    summary: 'What to do when the phone with your authenticator app is gone.',
    category: 'it.login',
    body: `If you still have a backup method (such as a text message to your number), sign in with it and register the new phone under **My account > Security**.

If you have no other method, we reset your MFA registration after checking that it is really you:

- **At the IT desk** in the Main Building with your student card: done on the spot.
- **Online**: report a problem (you can do this without signing in) and we will ask you a few identity questions. This usually takes less than a working day.

After the reset you receive a temporary access pass that works for 8 hours. Sign in with it and register your new phone right away.

Bought a new phone and still have the old one? Add the new phone first, then remove the old one.`,
  },
  {
    slug: 'account-locked',
    title: 'Why your account gets locked, and how to unlock it',
    summary: 'Five wrong passwords in a row lock your account for 30 minutes. Often an old device is the cause.',
    category: 'it.login',
    body: `After five failed sign-in attempts in a row, your account is locked for 30 minutes. This protects you against people guessing your password.

## The usual cause
You changed your password, but a device still uses the old one: the mail app on your phone, a tablet, a laptop connected to eduroam. It tries again and again in the background and locks you out, often within minutes of every unlock.

## What to do
1. Turn off Wi-Fi and mobile data on your other devices, or remove your account from them.
2. Wait 30 minutes, then sign in on one device with your new password.
3. Add the account to your other devices again with the new password.

Still locked after that? Report it (also possible without signing in) and we will check where the attempts come from.`,
  },
  {
    slug: 'connect-to-eduroam',
    title: 'Connecting to eduroam',
    summary: 'Set up eduroam once with the configuration tool and it works on every campus, here and abroad.',
    category: 'it.wifi',
    body: `eduroam is the Wi-Fi network on campus and at thousands of universities worldwide.

## Setting it up
Use the **eduroam configuration tool** on the portal (search "eduroam"). It installs the right security certificate, which is the step that most often goes wrong when setting up by hand.

- **Username**: your full address, for example amara.okafor@students.demo.edu. Your student number alone does not work.
- **Password**: your normal password.

## Problems?
- Changed your password? Forget the eduroam network on your device and connect again.
- Asked to trust a certificate you do not recognise? Stop and use the configuration tool instead.
- It connects but nothing loads: turn Wi-Fi off and on, and report it with the location (building and floor).`,
  },
  {
    slug: 'wifi-in-the-residences',
    title: 'Wi-Fi and wired internet in the residences',
    summary: 'Every room has Wi-Fi and a wired port. How to report problems, and what to do during an outage.',
    category: 'it.wifi',
    body: `All school residences have eduroam Wi-Fi in every room, and a wired network port near the desk. Internet is included in the rent.

## When Wi-Fi is unstable
Run the Wi-Fi check in the portal and add the result to your report, together with your building and room number. It tells our network team which access point you are on.

## During an outage
Known outages are shown at the top of the portal. You do not need to report them again; if you do, we link your ticket to the outage and tell you when it is fixed. Meanwhile the wired port still works: the Housing front desk lends out network cables.`,
  },
  {
    slug: 'using-the-vpn',
    title: 'Using the VPN from home',
    summary: 'Some services, such as licence servers, only work on campus. The VPN brings campus home.',
    category: 'it.wifi',
    body: `The VPN connects your laptop to the campus network from anywhere. You need it for licensed software such as SPSS and MATLAB, and for a few internal systems.

## Installing
Download the VPN client from the software portal. Only version 5.2 or newer works since the gateway upgrade this year; remove older versions first.

## Connecting
Open the client, choose "Campus", and sign in with your normal account and MFA.

You do not need the VPN for the portal, the LMS, email or library databases: those work from anywhere.`,
  },
  {
    slug: 'submitting-assignments-lms',
    title: 'Submitting an assignment in the LMS',
    summary: 'How to upload, check that it arrived, and what to do if the upload fails before a deadline.',
    category: 'it.lms',
    body: `## Uploading
Open the course, go to **Assignments**, choose the assignment and upload your file. Files up to 50 MB are accepted; PDF is safest.

## Check that it arrived
After submitting you receive a confirmation email with a receipt number. No email within 10 minutes means the submission did not go through.

## If the upload fails just before the deadline
1. Take a screenshot of the error, with the time visible.
2. Try saving your file again with "Print to PDF"; damaged PDFs are a common cause.
3. Report the problem right away in the portal and attach the screenshot. A report made before the deadline counts as proof that you tried; we inform the course coordinator.`,
  },
  {
    slug: 'course-missing-lms',
    title: 'A course is missing from your LMS dashboard',
    summary: 'Registrations reach the LMS overnight. Here is what to check.',
    category: 'it.lms',
    body: `Your courses appear in the LMS the night after you register for them in the student information system.

- **Registered today?** Check again tomorrow morning.
- **Registered more than a day ago?** Check in the student portal that the registration is confirmed, not "pending".
- **Confirmed and still missing?** Report it with the course code; we add you by hand and find out why the sync skipped you.

Some lecturers publish courses only a week before the start; classmates will not see it either in that case.`,
  },
  {
    slug: 'recognising-phishing',
    title: 'Recognising and reporting phishing',
    summary: 'We never ask for your password by email. How to spot fake messages and what to do if you clicked.',
    category: 'it.email',
    body: `Phishing emails try to get your password, often with urgency: "your mailbox is full", "your account will be closed today".

## Warning signs
- A link to a page that looks like ours but has a different address.
- Pressure to act within hours.
- A sender you do not know, or a known name with a strange address.

**We never ask for your password by email or phone.**

## What to do
Use the "Report phishing" button in your mailbox. We remove the message for everyone.

## If you entered your password
Change your password immediately, then report it. We check your sign-in history and end any sessions that are not yours.`,
  },
  {
    slug: 'email-forwarding',
    title: 'Forwarding and filters in your student mailbox',
    summary: 'Forward your school mail safely, and why forwarding rules sometimes make mail disappear.',
    category: 'it.email',
    body: `You can forward your student mail to a private address under **Settings > Mail > Forwarding**. Keep a copy in your student mailbox: if your private mailbox is full or rejects a message, the copy is your only one.

Rules and filters run before mail reaches your inbox. When messages seem to go missing, check your rules first: an old rule that moves or forwards messages is the most common cause.

Messages from outside the school that look like bulk mail may be held in quarantine for a day. You receive a daily summary with a "release" link.`,
  },
  {
    slug: 'install-microsoft-365',
    title: 'Installing Microsoft 365 for free',
    summary: 'Word, Excel, PowerPoint and Teams on up to five devices while you study here.',
    category: 'it.software',
    body: `As a student you can install Microsoft 365 on up to five devices for free.

1. Sign in at the Microsoft 365 portal with your student address.
2. Choose **Install apps**.
3. Open Word after installing and sign in with your **student** account, not a private Microsoft account.

## "Unlicensed product" or read-only mode
Check under **File > Account** which account is signed in. If it shows a private account, sign out and sign in with your student address. If you already use five devices, remove an old one in the portal under **My installs**.

Your licence ends six months after you graduate; save your files elsewhere before then.`,
  },
  {
    slug: 'software-licences',
    title: 'Software for your courses: SPSS, MATLAB and more',
    summary: 'Course software is free from the software portal. Off campus, some of it needs the VPN.',
    category: 'it.software',
    body: `The software portal lists every programme the school licenses for students, such as SPSS, MATLAB, Stata, NVivo and Adobe Creative Cloud.

Licences are renewed each year on 1 September. Installations from the previous year may ask for a new key; download the programme again from the portal to fix this.

SPSS, MATLAB and Stata check their licence with our licence server. On campus that works automatically; at home connect the VPN first.

During exam weeks licences can run out. If you see "no licences available", try again in a few minutes or report it so we can add seats.`,
  },
  {
    slug: 'request-a-transcript',
    title: 'Requesting an official transcript',
    summary: 'Download a digitally signed transcript yourself, or request a stamped paper copy.',
    category: 'registrar.transcripts',
    body: `## Digital (ready immediately)
In the student portal under **My documents > Transcript** you can download a digitally signed transcript in English. Universities and employers can check its authenticity with the code on the last page.

## Stamped paper copy
Some embassies and foreign universities require paper. Request it in the portal; it is ready within three working days at the Registrar's front desk, or we post it to you.

## Good to know
- Grades appear on your transcript once the examiner has approved them.
- Need it urgently for a visa appointment? Say so in your request and mention the date.`,
  },
  {
    slug: 'proof-of-enrolment',
    title: 'Downloading a proof of enrolment',
    summary: 'For banks, insurers, landlords and embassies: a signed letter in English or Dutch.',
    category: 'registrar.letters',
    body: `You can download a signed proof of enrolment at any time under **My documents > Proof of enrolment** in the student portal. It states your programme, your enrolment period and whether you study full-time.

Need extra details, such as your expected graduation date or your study results so far? Request a custom letter through the portal; it is ready within two working days.

For a residence permit, the immigration service receives your enrolment status directly from us; you do not need to send a letter.`,
  },
  {
    slug: 'course-registration',
    title: 'Registering for courses and exams',
    summary: 'Registration windows, prerequisites, and what to do when the system blocks you.',
    category: 'registrar.enrolment',
    body: `You register for each course and each exam separately in the student portal.

## Windows
Course registration opens six weeks before each period and closes two weeks before it starts. Exam registration closes ten working days before the exam; resit registration closes five working days before.

## "Prerequisites not met"
Some courses require that you passed another course first. If you have an exemption or passed it elsewhere, the Examination Board's decision must be linked to your record. Report it with the decision number and we link it.

Missed a deadline because of illness or a system error? Report it straight away with evidence; late registration is possible under the hardship rule.`,
  },
  {
    slug: 'exam-clashes',
    title: 'What to do when two exams clash',
    summary: 'Two exams at the same time? There is usually an alternative session.',
    category: 'registrar.exams',
    body: `Exam clashes happen most often for students who take a minor or courses from another programme.

1. Check your exam schedule as soon as it is published.
2. Report the clash with both course codes, at least ten working days before the exams.
3. We register you for an alternative session, often on the Friday of the same week.

Clashes reported later can still be solved, but the options are fewer.`,
  },
  {
    slug: 'appealing-a-grade',
    title: 'Appealing a grade: steps and deadlines',
    summary: 'Review first, then appeal within six weeks of the grade being published.',
    category: 'registrar.grades',
    body: `## 1. Review your exam
You have the right to see your marked exam. The examiner offers a review moment; if it is cancelled, a new one must be offered.

## 2. Talk to the examiner
Many disagreements are solved at the review, for example a question that was marked incorrectly.

## 3. Appeal
If you still disagree, submit an appeal to the Examination Appeals Board with the online form. **The deadline is six weeks after the grade was published** in the portal, not after the review. Include your reasons and any evidence.

The board decides within ten weeks. Your grade stays as it is in the meantime.`,
  },
  {
    slug: 'missing-grade',
    title: 'Your grade is missing: the 20-working-day rule',
    summary: 'Examiners publish grades within 20 working days. What to do when yours is late.',
    category: 'registrar.grades',
    body: `Examiners must publish grades within 20 working days after the exam. Written assignments follow the same rule from the submission deadline.

If classmates have their grade and you do not, or the 20 working days have passed, report it with the course code and the exam date. Common causes are a missing name on the grade list or an exam marked "absent" by mistake; we check with the examiner.

Need the grade urgently for an application? Say so in the report.`,
  },
  {
    slug: 'paying-fees-in-instalments',
    title: 'Paying your tuition fees in instalments',
    summary: 'Spread your tuition over up to ten monthly direct debits.',
    category: 'finaid.paymentPlans',
    body: `You can pay your tuition in one payment or in up to ten monthly instalments by direct debit.

## Switching to instalments
1. In the student portal go to **Payments > Payment plan**.
2. Choose the number of instalments and sign the direct debit mandate online.
3. The first instalment is collected on the 28th of the following month.

You can switch during the year; the remaining amount is split over the remaining months.

## If a collection fails
We try again after five working days. Two failed collections in a row end the payment plan; contact us before that happens and we agree a new date.`,
  },
  {
    slug: 'understanding-your-invoice',
    title: 'Understanding your tuition invoice',
    summary: 'Statutory or institutional fee, payment references, and reminder fees explained.',
    category: 'finaid.invoice',
    body: `## Which fee do you pay?
The **statutory fee** applies to EU/EEA students taking their first degree; the **institutional fee** applies to others. The category depends on your nationality and previous degrees; we check it when you enrol.

## Paying by bank transfer
Always use your **student number as the payment reference**. Payments without it are matched by hand, which can take days, and a reminder fee may be added in the meantime. If that happens, report it and we remove the fee.

## Something looks wrong?
Report it in the "Fee or invoice is wrong" category and attach the invoice. We reply within two working days.`,
  },
  {
    slug: 'double-charge-refund',
    title: 'Charged twice? How refunds of duplicate payments work',
    summary: 'Duplicate collections are refunded automatically within five working days.',
    category: 'finaid.invoice',
    body: `Occasionally a direct debit is collected twice. When we find a duplicate collection we refund it automatically within five working days; you do not need to do anything.

You can also reverse a direct debit yourself through your bank within eight weeks. Please only do this for the duplicate: reversing the correct payment counts as a missed instalment.

If the refund has not arrived after five working days, report it with a screenshot showing both payments.`,
  },
  {
    slug: 'emergency-fund',
    title: 'Emergency support and the hardship fund',
    summary: 'Unexpected money problems? The hardship fund can help, and quickly.',
    category: 'finaid.scholarships',
    body: `The school's hardship fund supports students who face unexpected financial problems, such as a family emergency, a lost job or a delayed grant. International students can apply too.

## How it works
1. Report your situation in the "Scholarships & grants" category. Everything you write is confidential.
2. We send you a short application form.
3. Decisions on emergency applications are made within five working days; payments follow within three.

The fund can also postpone tuition payments. Our advisers are happy to think along with you; the student counsellors can help with the rest.`,
  },
  {
    slug: 'scholarship-payments',
    title: 'When scholarship instalments are paid',
    summary: 'Instalments are paid on the 25th of each month, after the yearly progress check.',
    category: 'finaid.scholarships',
    body: `Scholarship instalments are paid on the 25th of each month (or the working day before).

An instalment is held when:
- your bank account was closed or changed and we do not have the new details;
- the yearly study progress check is not done yet;
- your enrolment for the new year is not complete.

Update your bank details in the portal at least ten days before the 25th.`,
  },
  {
    slug: 'refund-after-withdrawal',
    title: 'Tuition refunds after you stop your studies',
    summary: 'Deregister before the first of a month and you get the remaining months back.',
    category: 'finaid.refunds',
    body: `If you deregister during the academic year, you are refunded tuition for every full month after your deregistration date (except for July and August).

1. Deregister in the student portal. Your deregistration takes effect on the first of the following month.
2. Check that your bank account in the portal is in your own name.
3. The refund is paid within ten working days after the deregistration is final.

Students who paid in instalments have the remaining collections cancelled instead.`,
  },
  {
    slug: 'booking-a-study-room',
    title: 'Booking a study room',
    summary: 'Group rooms and silent study places can be booked up to seven days ahead.',
    category: 'library.rooms',
    body: `## What you can book
- **Group study rooms** for 2 to 8 people, up to 4 hours a day per group.
- **Silent study places**, with or without a power socket, up to a full day.

Book in the room booking tool on the library website, up to seven days ahead.

## Check in within 15 minutes
Scan the QR code at the room or place within 15 minutes of the start of your booking. Bookings without check-in are released for others, and you receive an email when that happens.

In exam weeks the library is open until midnight and silent places can be booked for the whole week.`,
  },
  {
    slug: 'renewing-loans',
    title: 'Renewing loans and avoiding fines',
    summary: 'Loans renew automatically unless someone reserved the book.',
    category: 'library.loans',
    body: `Your loans are renewed automatically three days before the due date, up to five times, unless another student has reserved the item. You receive an email either way.

A reserved item must come back on its due date. Overdue reserved items cost €0.50 per day.

Returned an item but it still shows on your account? Report it with the date and the drop box you used; we check the returns trolley and remove any fine.`,
  },
  {
    slug: 'off-campus-access',
    title: 'Accessing journals and databases from home',
    summary: 'Start from the library website and sign in: full text works anywhere, no VPN needed.',
    category: 'library.eresources',
    body: `Our journals, databases and e-books work from home, but the publisher has to know you belong to the school.

- **Start from the library website** or the catalogue. You are asked to sign in once, and then have full access.
- **Google Scholar**: under Settings > Library links, add our library. "Full text via library" links then appear next to results.
- **Publisher asks you to pay?** Look for "Access through your institution" and choose our school.

If a link in the catalogue fails, report the database name and the link; publishers sometimes change their addresses.`,
  },
  {
    slug: 'printing-and-scanning',
    title: 'Printing and scanning in the library',
    summary: 'Print from any device, pay with print credit, scan to your own mailbox for free.',
    category: 'library.printing',
    body: `## Printing
Send your document to the "Follow-me" printer from a campus computer or upload it on the print portal. Then sign in at any printer with your student card to release it. Black and white costs €0.05 per page, colour €0.20. Top up print credit in the portal.

If a printer jams or prints nothing, your credit is refunded: report it with the printer location and time.

## Scanning
Scanning is free. Sign in at the printer with your student card and choose **Scan to me**; the scan arrives in your student mailbox. Scanning to other addresses is blocked for security.`,
  },
  {
    slug: 'reporting-a-maintenance-problem',
    title: 'Reporting a maintenance problem in your room',
    summary: 'Heating, leaks, broken furniture: how to report it and how fast we come.',
    category: 'housing.maintenance',
    body: `Report maintenance problems in the "Maintenance & repairs" category. Include your building, room number and, if you can, a photo.

## How fast we come
- **Emergencies** (flooding, no electricity, a door that does not lock): choose priority "Urgent". The caretaker on call comes within four hours, day and night.
- **Heating in winter, hot water**: within one working day.
- **Everything else**: within five working days.

Say in your report whether the technician may enter with the master key when you are not home; that is usually fastest.`,
  },
  {
    slug: 'locked-out',
    title: 'Locked out or lost your key',
    summary: 'The caretaker opens your door; lost keys and cards are replaced at the Housing desk.',
    category: 'housing.keys',
    body: `## Locked out
During office hours, come to the Housing desk with ID; we give you a temporary key that you return within 24 hours. Outside office hours, report it as "Urgent" and the caretaker on call opens your door.

## Lost key
We replace the lock cylinder for your safety and give you new keys. The cost (€45) is added to your next rent invoice.

## Access card not working
Access rights follow your rental contract. If your contract was extended recently, report the card number and we update it.`,
  },
  {
    slug: 'getting-your-deposit-back',
    title: 'Getting your deposit back',
    summary: 'Deposits are returned within 30 days after the final inspection.',
    category: 'housing.rent',
    body: `When you move out, we inspect the room together with you or, if you cannot be there, on your last day.

Your deposit is paid back within 30 days after the inspection, minus the cost of any damage or cleaning recorded in the inspection report. You receive the report by email.

Do you disagree with a deduction? Report it within 14 days with photos taken when you left. Make sure your bank account in the portal is correct.`,
  },
  {
    slug: 'talking-to-someone',
    title: 'Talking to someone: counselling and 24/7 support',
    summary: 'Free, confidential conversations with a student counsellor, and help at any hour.',
    category: 'services.wellbeing',
    body: `Stress, homesickness, grief, worries about money or your studies: our student counsellors are there for all of it. Conversations are free and confidential.

## Making an appointment
Report it in the "Wellbeing & counselling" category, or call the Student Services desk. An intake is usually possible within a week, in person or by video.

## When you need help now
If you are in crisis or worried about your safety, do not wait for an appointment: call the 24/7 student support line (on the back of your student card) or the emergency number 112.

Counsellors can also help you plan your studies, and advise on extra time or a study delay because of personal circumstances.`,
  },
  {
    slug: 'exam-arrangements',
    title: 'Extra exam time and other arrangements',
    summary: 'With a disability or chronic condition you can get extra time, a quiet room or assistive software.',
    category: 'services.accessibility',
    body: `Students with a disability, chronic illness, dyslexia or similar conditions can get exam arrangements, such as 30 minutes extra time, a separate quiet room, or a laptop with assistive software.

## Applying
1. Report it in the "Accessibility & exam arrangements" category.
2. Upload a statement from a doctor, psychologist or other specialist.
3. A student counsellor discusses what you need; the decision usually follows within ten working days.

Approved arrangements apply to all your exams for the rest of your programme, unless the decision says otherwise. Apply at least four weeks before your next exams.`,
  },
  {
    slug: 'residence-permit-extension',
    title: 'Extending your residence permit',
    summary: 'As your recognised sponsor we apply for the extension; start three months before it expires.',
    category: 'services.visa',
    body: `If you are not an EU/EEA citizen, your residence permit is linked to your studies. The school is your recognised sponsor and applies for the extension on your behalf.

## When
Start **three months before** your permit expires.

## What we need
- Your re-enrolment for the next academic year.
- Sufficient study progress (at least 50% of the credits of the past year), or a note from a counsellor explaining the delay.

We submit the application and you receive a letter from the immigration service about your biometrics appointment. You may stay while the application is being processed.`,
  },
  {
    slug: 'replacing-your-student-card',
    title: 'Replacing a lost student card',
    summary: 'Block the old card and collect a new one the next working day.',
    category: 'services.studentCard',
    body: `Lost your student card? Report it in the "Student card" category; we block the old card immediately so nobody else can use your print credit or access rights.

Upload a recent passport photo in the portal if you want a new one. The new card is ready at the Student Services desk from the next working day; bring ID to collect it. A replacement costs €15, unless the card was broken or stolen (with a police report).

## Until your new card is ready
- **Exams**: show your passport or ID card and your exam registration in the portal.
- **Library**: you can borrow with your student number at the library desk.
- **Printing**: your print credit moves to the new card automatically.`,
  },
];

interface CannedText {
  title: string;
  body: string;
  department: string | null;
}

const CANNED_RESPONSES: CannedText[] = [
  {
    title: 'Acknowledge and set expectations',
    department: null,
    body: 'Hi {{student.firstName}},\n\nThank you for your message about ticket {{ticket.number}}. I have picked it up and will get back to you by the end of the next working day at the latest.\n\n{{agent.firstName}}',
  },
  {
    title: 'Need more information',
    department: null,
    body: 'Hi {{student.firstName}},\n\nTo help you further I need a little more information: could you tell me when this started and send a screenshot of what you see? Your ticket ({{ticket.number}}) waits for your reply.\n\n{{agent.firstName}}',
  },
  {
    title: 'Resolved: please check',
    department: null,
    body: 'Hi {{student.firstName}},\n\nThis should be solved now. If anything is still not right, just reply to ticket {{ticket.number}} and it opens again. We would love to hear how we did in the short survey.\n\n{{agent.firstName}}',
  },
  {
    title: 'No reply yet: friendly reminder',
    department: null,
    body: 'Hi {{student.firstName}},\n\nWe are still waiting for your reply on ticket {{ticket.number}}. Do you still need help? If we do not hear from you within five working days, we will mark the ticket as resolved; you can always reopen it.\n\n{{agent.firstName}}',
  },
  {
    title: 'Apology for the delay',
    department: null,
    body: 'Hi {{student.firstName}},\n\nI am sorry this is taking longer than we promised. Your ticket {{ticket.number}} has priority now, and I will update you tomorrow at the latest, even if there is no news yet.\n\n{{agent.firstName}}',
  },
  {
    title: 'Password reset steps',
    department: 'it',
    body: 'Hi {{student.firstName}},\n\nYou can reset your password yourself under "Forgot password" on the sign-in page. After the reset, please update the password on every device (especially the mail app on your phone); an old device trying the old password locks the account again.\n\n{{agent.firstName}}',
  },
  {
    title: 'MFA reset: identity check',
    department: 'it',
    body: 'Hi {{student.firstName}},\n\nBefore I reset your multi-factor authentication I need to check it is you. Could you reply with your date of birth and the programme you are enrolled in, or come to the IT desk with your student card?\n\n{{agent.firstName}}',
  },
  {
    title: 'eduroam setup',
    department: 'it',
    body: 'Hi {{student.firstName}},\n\nPlease forget the eduroam network on your device and run the eduroam configuration tool from the portal. Use your full address (name@students.demo.edu) as the username. That solves most connection problems.\n\n{{agent.firstName}}',
  },
  {
    title: 'Transcript ready for pickup',
    department: 'registrar',
    body: "Hi {{student.firstName}},\n\nYour stamped transcript is ready at the Registrar's front desk in the Main Building (ground floor, 9:00–17:00). Please bring your student card. Ticket {{ticket.number}} will be closed once you have collected it.\n\n{{agent.firstName}}",
  },
  {
    title: 'Exam clash: alternative session',
    department: 'registrar',
    body: 'Hi {{student.firstName}},\n\nI have registered you for the alternative exam session. You will see the new date and room in your exam schedule by tomorrow.\n\n{{agent.firstName}}',
  },
  {
    title: 'Refund on its way',
    department: 'financial-aid',
    body: 'Hi {{student.firstName}},\n\nThe refund has been approved and sent to the bank account in your portal. It normally arrives within three working days.\n\n{{agent.firstName}}',
  },
  {
    title: 'Payment plan: mandate needed',
    department: 'financial-aid',
    body: 'Hi {{student.firstName}},\n\nTo set up your payment plan we need a signed direct debit mandate. You can sign it online under Payments > Payment plan; let me know on ticket {{ticket.number}} when it is done.\n\n{{agent.firstName}}',
  },
  {
    title: 'Study room booking rules',
    department: 'library',
    body: 'Hi {{student.firstName}},\n\nStudy rooms can be booked up to seven days ahead. Please check in with the QR code within 15 minutes of the start, otherwise the room is released for others.\n\n{{agent.firstName}}',
  },
  {
    title: 'Maintenance visit scheduled',
    department: 'housing',
    body: 'Hi {{student.firstName}},\n\nA technician will visit your room on the next working day between 9:00 and 12:00. If you are not home, they will enter with the master key and leave a note.\n\n{{agent.firstName}}',
  },
  {
    title: 'Counsellor intake booked',
    department: 'student-services',
    body: 'Hi {{student.firstName}},\n\nThank you for reaching out. I have booked an intake with one of our student counsellors; the invitation is in your email. If you need help before then, the 24/7 support line is on the back of your student card.\n\n{{agent.firstName}}',
  },
];

interface SuggestionText {
  title: string;
  body: string;
  category: CategoryKey;
  comments: string[];
  decision?: { status: Exclude<SuggestionStatus, 'OPEN'>; reason: string };
}

const SUGGESTIONS: SuggestionText[] = [
  {
    title: 'Let students reset MFA at the library kiosk with their card',
    body: 'About a third of our login tickets are MFA resets after a lost or new phone. A kiosk that checks the student card and a PIN could do this in two minutes, any time the library is open.',
    category: 'it.login',
    comments: [
      'We would need a second factor besides the card, a PIN sent to the private email would work.',
      'Library is happy to host it next to the print station.',
    ],
    decision: {
      status: 'ACCEPTED',
      reason: 'Pilot at the library kiosk from next month; we will compare login ticket volume after six weeks.',
    },
  },
  {
    title: 'Remind students 24 hours before resit registration closes',
    body: 'Every resit period we get dozens of "I missed the deadline" tickets. A reminder email to students with a failed grade and no registration would prevent most of them.',
    category: 'registrar.exams',
    comments: [
      'The SIS can produce that list, I checked with the data team.',
      'Please also send it in the LMS, students read that more than email.',
    ],
  },
  {
    title: 'Print the payment reference in bold at the top of the invoice',
    body: 'Many late-fee complaints come from transfers without the student number. If the reference is the first thing on the invoice, fewer payments need manual matching.',
    category: 'finaid.invoice',
    comments: ['Agreed, and add a QR code for banking apps that fills it in automatically.'],
    decision: {
      status: 'ACCEPTED',
      reason: 'New invoice layout with the reference and a payment QR code goes live with the next invoice run.',
    },
  },
  {
    title: 'Extend the study room check-in grace period to 20 minutes',
    body: 'Groups that arrive a few minutes late lose their room and write to us upset. Twenty minutes would be fairer.',
    category: 'library.rooms',
    comments: ['Rooms would stand empty longer at peak times though.', 'Maybe a reminder notification at 10 minutes instead?'],
    decision: {
      status: 'DECLINED',
      reason:
        'Longer grace would keep rooms empty at peak hours. Instead we will send a reminder 10 minutes after the start of the booking.',
    },
  },
  {
    title: 'Lend network cables at the Housing front desk',
    body: 'During Wi-Fi outages students can use the wired port in their room, but most do not have a cable. A box of cables at the front desk would help immediately.',
    category: 'housing.maintenance',
    comments: ['IT can supply 50 cables from stock.', 'We did this during the Dorm B outage and it worked well.'],
    decision: { status: 'ACCEPTED', reason: 'Cables are available at the Housing desk from now on; IT restocks them.' },
  },
  {
    title: 'A "no heating" quick option in the housing report form',
    body: 'Heating tickets in winter are urgent but often arrive as NORMAL with little detail. A quick option that asks for the room and the radiator state and sets the right priority would speed us up.',
    category: 'housing.maintenance',
    comments: ['Could also ask for a photo of the thermostat.'],
  },
  {
    title: 'Link new LMS tickets to an active incident automatically',
    body: 'During the last LMS outage we linked 40 tickets by hand. When an incident is open for a category, new tickets in it could be linked and acknowledged automatically.',
    category: 'it.lms',
    comments: [
      'Only when the title matches, otherwise we link unrelated questions.',
      'Students should still see that a person will follow up.',
    ],
  },
  {
    title: 'Weekly walk-in hour for visa and permit questions',
    body: 'Residence permit tickets often need three or four messages back and forth. A weekly walk-in hour would answer most of them in one conversation.',
    category: 'services.visa',
    comments: ['Thursday afternoons are quiet at the desk.'],
    decision: { status: 'ACCEPTED', reason: 'Walk-in hour on Thursdays 14:00–15:00 in the Student Services office, starting next week.' },
  },
  {
    title: 'Let students book a callback for Financial Aid questions',
    body: 'Payment plan questions are easier on the phone. Students could pick a 15-minute callback slot instead of writing back and forth.',
    category: 'finaid.paymentPlans',
    comments: [
      'We would need at least one extra person on the phones.',
      'Our response times are already behind target, this would make it worse for now.',
    ],
    decision: {
      status: 'DECLINED',
      reason:
        'Not possible with the current team; we will revisit after the hiring round in spring and first bring written response times back within target.',
    },
  },
  {
    title: 'Translate the eduroam guide into Chinese, Spanish and Dutch',
    body: 'eduroam setup is the most viewed article and many first-year students read it on their first day. Translations would prevent tickets in the first weeks.',
    category: 'it.wifi',
    comments: ['Student ambassadors offered to help translate.'],
  },
];

const VOTE_WINDOW = 20 * DAY;

export interface ContentRows {
  articles: Prisma.ArticleCreateManyInput[];
  /** Version 1 of each article, published (insertContent points the article at it). */
  articleVersions: Prisma.ArticleVersionCreateManyInput[];
  /** "Was this helpful?" votes from students' browsers. */
  articleVotes: Prisma.ArticleVoteCreateManyInput[];
  cannedResponses: Prisma.CannedResponseCreateManyInput[];
  suggestions: Prisma.SuggestionCreateManyInput[];
  suggestionVotes: Prisma.SuggestionVoteCreateManyInput[];
  suggestionComments: Prisma.SuggestionCommentCreateManyInput[];
  deflections: Prisma.DeflectionCreateManyInput[];
}

/** The knowledge base, canned responses, suggestions and article deflections. */
export function buildContent(random: Random, school: School, people: People, now: number, articleDeflections: number): ContentRows {
  const rows: ContentRows = {
    articles: [],
    articleVersions: [],
    articleVotes: [],
    cannedResponses: [],
    suggestions: [],
    suggestionVotes: [],
    suggestionComments: [],
    deflections: [],
  };
  const teamOf = (slug: string) => {
    const team = people.teams.get(school.department(slug));
    if (!team) throw new Error(`no team for ${slug}`);
    return team;
  };
  const at = (daysAgoMin: number, daysAgoMax: number) => Math.floor((now - random.between(daysAgoMin, daysAgoMax) * DAY) / 1000) * 1000;

  for (const article of ARTICLES) {
    const category = school.category(article.category);
    const createdAt = at(150, 700);
    const updatedAt = Math.min(now - HOUR, createdAt + random.between(0, 120) * DAY);
    const text = { title: article.title, summary: article.summary, body: article.body };
    const id = uuidv7(createdAt);
    const helpfulVotes = random.int(3, 240);
    rows.articles.push({
      id,
      slug: article.slug,
      ...text,
      categoryId: category.id,
      departmentId: category.department.id,
      status: 'PUBLISHED',
      latestVersionNumber: 1,
      createdAt: new Date(createdAt),
      updatedAt: new Date(updatedAt),
    });
    // About one in seven readers says it did not help.
    for (let vote = 0; vote < helpfulVotes + Math.round(helpfulVotes / 6); vote += 1) {
      rows.articleVotes.push({
        articleId: id,
        voterKey: `browser:${article.slug}-${vote}`,
        helpful: vote < helpfulVotes,
        votedAt: new Date(updatedAt),
      });
    }
    rows.articleVersions.push({
      id: uuidv7(updatedAt),
      articleId: id,
      number: 1,
      ...text,
      authorId: (teamOf(category.department.slug).managers[0] as Person).id,
      createdAt: new Date(updatedAt),
    });
  }

  for (const canned of CANNED_RESPONSES) {
    const createdAt = at(60, 400);
    const author = canned.department ? (teamOf(canned.department).managers[0] as Person) : people.demo.admin;
    rows.cannedResponses.push({
      id: uuidv7(createdAt),
      title: canned.title,
      body: canned.body,
      departmentId: canned.department ? school.department(canned.department).id : null,
      createdById: author.id,
      createdAt: new Date(createdAt),
    });
  }

  const everyStaffMember = [...people.teams.values()].flatMap((team) => [...team.staff, ...team.managers]);
  for (const suggestion of SUGGESTIONS) {
    const category = school.category(suggestion.category);
    const team = teamOf(category.department.slug);
    const author = random.pick(team.staff);
    const createdAt = at(25, 90);
    const id = uuidv7(createdAt);
    const decidedAt = suggestion.decision ? createdAt + random.between(7, 20) * DAY : null;
    rows.suggestions.push({
      id,
      title: suggestion.title,
      body: suggestion.body,
      categoryId: category.id,
      authorId: author.id,
      status: suggestion.decision?.status ?? 'OPEN',
      decisionReason: suggestion.decision?.reason ?? null,
      decidedById: suggestion.decision ? (team.managers[0] as Person).id : null,
      decidedAt: decidedAt === null ? null : new Date(decidedAt),
      createdAt: new Date(createdAt),
    });
    const voters = random.shuffled(everyStaffMember.filter((person) => person !== author)).slice(0, random.int(2, 12));
    for (const voter of voters) {
      const votedAt = createdAt + random.between(0.1, 1) * Math.min(VOTE_WINDOW, (decidedAt ?? now) - createdAt);
      rows.suggestionVotes.push({ suggestionId: id, userId: voter.id, createdAt: new Date(Math.floor(votedAt)) });
    }
    let commentedAt = createdAt;
    for (const body of suggestion.comments) {
      commentedAt += random.between(2, 72) * HOUR;
      const commenter = random.pick(everyStaffMember.filter((person) => person !== author));
      rows.suggestionComments.push({
        id: uuidv7(commentedAt),
        suggestionId: id,
        authorId: commenter.id,
        body,
        createdAt: new Date(Math.floor(commentedAt)),
      });
    }
  }

  for (let i = 0; i < articleDeflections; i += 1) {
    const article = random.pick(rows.articles);
    const createdAt = at(0.01, 120);
    rows.deflections.push({ id: uuidv7(createdAt), articleId: article.id, categoryId: article.categoryId, createdAt: new Date(createdAt) });
  }
  return rows;
}
