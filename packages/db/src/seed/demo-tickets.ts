// Tickets the demo walks through: Amara Okafor's own history (one ticket in every status, one
// resolved and waiting for her rating), the guest report whose tracking code the demo knows, and
// a few urgent tickets whose resolution is due within the next two hours.
import { AUTO_CLOSE_AFTER, type Story } from './tickets.js';
import type { ScriptKit } from './scripted.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The tracking code of the demo guest ticket; the database holds only its SHA-256. */
export const DEMO_TRACKING_CODE = 'demo-guest-tracking-code-0001';

export function demoStudentStories(kit: ScriptKit): Story[] {
  const amara = kit.people.demo.student;
  const { staff: jonas, manager: priya, financialAid: fatima } = kit.people.demo;
  const stories: Story[] = [];

  // Closed, rated 5, praise for Jonas: the recognition feed has something to show.
  {
    const draft = kit.draft({
      category: 'it.login',
      createdAt: kit.daysAgoAt(41, 9, 12),
      student: amara,
      title: 'Login fails after password reset',
      description:
        'I reset my password this morning and got the confirmation email, but the portal and the LMS keep saying "invalid username or password". I have a presentation to upload today.',
      expectedResolutionHours: 4,
      desiredOutcome: 'Being able to log in before my presentation at 14:00.',
    });
    const at = kit.clock(draft);
    const resolvedAt = at(64);
    stories.push({
      draft,
      expect: 'CLOSED',
      beats: [
        kit.assign(at(8), priya, jonas),
        kit.staffReply(
          draft,
          at(22),
          jonas,
          'Is your phone still syncing your university mail with the old password? An old session like that can lock the account again within minutes.',
          true,
        ),
        kit.studentReply(
          draft,
          at(51),
          'Yes! The mail app on my phone kept asking for the password. I removed the account from the phone now.',
        ),
        kit.note(
          at(58),
          jonas,
          'Checked AD: account locked after 5 failed attempts, all from an ActiveSync device (her old phone session).',
        ),
        kit.resolve(
          draft,
          resolvedAt,
          jonas,
          'I have unlocked your account. The lockouts came from your phone trying the old password. Sign in on your laptop first, then add the account to your phone again with the new password.',
          5,
        ),
        {
          at: resolvedAt + 2 * HOUR,
          kind: 'rate',
          score: 5,
          expectation: 'EXCEEDED',
          comment: 'Jonas sorted it out within an hour and explained why it kept happening. Thank you!',
        },
        { at: resolvedAt + AUTO_CLOSE_AFTER, kind: 'close' },
      ],
    });
  }

  // Closed, rated 2: Financial Aid was late and staff thought it went fine (the perception gap).
  {
    const draft = kit.draft({
      category: 'finaid.invoice',
      createdAt: kit.daysAgoAt(68, 14, 40),
      student: amara,
      title: 'Late payment fee although I paid on time',
      description:
        'My invoice for this month has a €25 late payment fee, but I paid on the 3rd, before the due date. The bank confirmation is attached. Please remove the fee.',
      desiredOutcome: 'The late fee removed.',
    });
    const at = kit.clock(draft);
    const resolvedAt = at(3400);
    stories.push({
      draft,
      expect: 'CLOSED',
      beats: [
        kit.assign(at(300), kit.manager('financial-aid'), fatima),
        kit.staffReply(
          draft,
          at(610),
          fatima,
          'Did you include your student number in the payment reference? Payments without it are matched by hand, which takes a few days.',
          true,
        ),
        kit.studentReply(draft, at(640), 'Yes, my student number was the reference. Screenshot of the transfer attached.'),
        kit.studentReply(
          draft,
          at(1900),
          'Hi, it has been more than a week. The fee is still on my account and today I received a reminder letter.',
        ),
        kit.staffReply(
          draft,
          at(2500),
          fatima,
          'Apologies for the delay. Your payment did arrive on time; removing the fee needs approval from my team lead, which I have asked for.',
        ),
        kit.note(
          at(2600),
          fatima,
          'Payment arrived on the 3rd; the fee was added before the bank file was processed. Reversal waiting for team lead approval.',
        ),
        kit.resolve(
          draft,
          resolvedAt,
          fatima,
          'The late payment fee has been removed and your balance is zero. The reminder letter can be ignored.',
          4,
        ),
        {
          at: resolvedAt + 20 * HOUR,
          kind: 'rate',
          score: 2,
          expectation: 'BELOW',
          comment: 'Fixed in the end, but it took two weeks and I had to chase it twice.',
        },
        { at: resolvedAt + AUTO_CLOSE_AFTER, kind: 'close' },
      ],
    });
  }

  // Resolved a few days ago and not rated yet: the demo rates this one.
  {
    const draft = kit.draft({
      category: 'registrar.transcripts',
      createdAt: kit.daysAgoAt(6, 11, 5),
      student: amara,
      title: 'Official transcript needed for my visa application',
      description:
        'I need an official, stamped transcript for my study visa application at the Canadian embassy. My appointment is at the end of the month. How can I get one?',
      expectedResolutionHours: 72,
      desiredOutcome: 'A stamped transcript before my embassy appointment.',
    });
    const at = kit.clock(draft);
    const clerk = kit.staff('registrar', 0);
    stories.push({
      draft,
      expect: 'RESOLVED',
      beats: [
        kit.assign(at(60), kit.manager('registrar'), clerk),
        kit.staffReply(
          draft,
          at(140),
          clerk,
          'Do you need a paper copy, or does the embassy accept a digitally signed PDF? And should it include this semester so far?',
          true,
        ),
        kit.studentReply(draft, at(170), 'Paper with a stamp, please, and including this semester if possible.'),
        kit.resolve(
          draft,
          at(900),
          clerk,
          'Your stamped transcript is ready at the front desk of the Registrar (Main Building, ground floor). It includes all results up to last week. Bring your student card when you pick it up.',
          5,
        ),
      ],
    });
  }

  // Waiting on Amara: Financial Aid asked her for a signed mandate.
  {
    const draft = kit.draft({
      category: 'finaid.paymentPlans',
      createdAt: kit.daysAgoAt(5, 20, 30),
      student: amara,
      title: 'Can I pay the rest of my tuition in monthly instalments?',
      description:
        'My part-time job ended, so paying the remaining tuition in one go in March will be difficult. Can I switch to monthly instalments for the rest of the year?',
      desiredOutcome: 'A payment plan with monthly amounts I can manage.',
    });
    const at = kit.clock(draft);
    stories.push({
      draft,
      expect: 'WAITING_ON_STUDENT',
      beats: [
        kit.assign(at(30), kit.manager('financial-aid'), fatima),
        kit.staffReply(
          draft,
          at(200),
          fatima,
          'Yes, that is possible. For a payment plan we need a signed direct debit mandate: could you fill in the form under "Payments" in the portal and let me know here when it is done?',
          true,
        ),
      ],
    });
  }

  // Open: Housing is on it, but the heating is still not fixed.
  {
    const draft = kit.draft({
      category: 'housing.maintenance',
      createdAt: kit.daysAgoAt(4, 8, 50),
      student: amara,
      title: "Heating in my room in Dorm B doesn't work",
      description:
        'The radiator in my room in Dorm B (room 2.07) has been cold since the weekend. It is about 15 degrees inside. The valve is fully open.',
      expectedResolutionHours: 24,
    });
    const at = kit.clock(draft);
    const caretaker = kit.staff('housing', 0);
    stories.push({
      draft,
      expect: 'OPEN',
      beats: [
        kit.assign(at(20), kit.manager('housing'), caretaker),
        kit.staffReply(
          draft,
          at(90),
          caretaker,
          'Thanks for reporting this. A technician will come by tomorrow between 9:00 and 12:00; you do not need to be home, they will use the master key.',
        ),
        kit.studentReply(draft, at(700), 'The technician came, but in the evening the radiator is cold again.'),
        kit.note(at(720), caretaker, 'Contractor suspects the boiler serving the Dorm B east wing; second visit requested.'),
      ],
    });
  }

  // New, reported minutes ago: the top of the IT queue.
  stories.push({
    draft: kit.draft({
      category: 'it.wifi',
      createdAt: kit.minutesAgo(40),
      student: amara,
      title: 'eduroam keeps disconnecting in the library',
      description:
        'On the second floor of the library eduroam disconnects every few minutes on my laptop. My phone seems fine. I am writing my thesis there every day.',
    }),
    expect: 'NEW',
    beats: [],
  });

  return stories;
}

/**
 * The demo guest ticket (its code is DEMO_TRACKING_CODE) and a few more urgent tickets: all open,
 * first response given, resolution due within the next two hours whatever time `now` is, since
 * URGENT clocks run around the clock.
 */
export function dueSoonStories(kit: ScriptKit): Story[] {
  const { staff: jonas, manager: priya } = kit.people.demo;
  const stories: Story[] = [];

  {
    const draft = kit.draft({
      category: 'it.login',
      createdAt: kit.minutesAgo(185),
      student: kit.someStudent(),
      channel: 'GUEST',
      priority: 'URGENT',
      title: 'Locked out of my account, online exam tomorrow morning',
      description:
        'I cannot sign in anywhere since I changed my password this afternoon: the portal says my account is locked. My online exam for Research Methods starts tomorrow at 9:00. I am writing from my private email because I cannot reach my student mail.',
      expectedResolutionHours: 4,
      desiredOutcome: 'Access to my account before the exam starts.',
      trackingCode: DEMO_TRACKING_CODE,
    });
    const at = kit.clock(draft);
    stories.push({
      draft,
      expect: 'OPEN',
      beats: [
        kit.assign(at(6), priya, jonas),
        kit.staffReply(
          draft,
          at(21),
          jonas,
          'To unlock your account I first need to check it is you: could you reply with your date of birth and the programme you are enrolled in?',
          true,
        ),
        kit.studentReply(draft, at(48), 'Of course: 14 March 2004, BSc Psychology.'),
        kit.staffReply(
          draft,
          at(63),
          jonas,
          'Thanks, that matches our records. I have asked the identity team to clear the lock and reset your MFA; I will confirm here as soon as it is done, well before your exam.',
        ),
        kit.note(
          at(66),
          jonas,
          'Lockout from repeated attempts with the old password (mobile mail app). Identity team ticket raised for MFA reset.',
        ),
      ],
    });
  }

  const urgent: {
    category: 'housing.keys' | 'registrar.exams' | 'it.lms';
    minutesAgo: number;
    title: string;
    description: string;
    reply: string;
  }[] = [
    {
      category: 'housing.keys',
      minutesAgo: 190,
      title: 'Locked out of my room, phone and keys inside',
      description:
        "I locked myself out of my room in Maple House (3.15). My phone, wallet and keys are inside. I am writing from a friend's laptop.",
      reply:
        'The caretaker is on call tonight and will meet you at the Maple House entrance; please bring any ID you can get hold of, or your friend can vouch for you.',
    },
    {
      category: 'registrar.exams',
      minutesAgo: 400,
      title: 'Exam registration closes today and the portal gives an error',
      description:
        'The registration for the Microeconomics resit closes today at midnight and the portal shows "registration not available for your programme". I am enrolled in that programme.',
      reply:
        'Thank you, I can see the error for your programme. I am checking the registration rule with the exam office now; you will not miss the deadline because of this.',
    },
    {
      category: 'it.lms',
      minutesAgo: 200,
      title: 'Online exam environment will not start',
      description:
        'The proctoring plugin for my online exam does not start: it stays on "checking your camera". The exam window closes tonight.',
      reply:
        'I have reproduced this with your browser version. I am contacting the exam support team so they can give you a new window if needed; please keep this ticket open.',
    },
  ];
  for (const spec of urgent) {
    const draft = kit.draft({
      category: spec.category,
      createdAt: kit.minutesAgo(spec.minutesAgo),
      student: kit.someStudent(),
      priority: 'URGENT',
      title: spec.title,
      description: spec.description,
    });
    const slug = draft.department.slug;
    const at = kit.clock(draft);
    const agent = kit.staff(slug, 1);
    stories.push({
      draft,
      expect: 'OPEN',
      beats: [kit.assign(at(5), kit.manager(slug), agent), kit.staffReply(draft, at(18), agent, spec.reply)],
    });
  }
  return stories;
}
