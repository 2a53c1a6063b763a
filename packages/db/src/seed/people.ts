// Students, staff, managers and the admin of the demo school, including the fixed demo sign-ins.
import type { Prisma, Role } from '../generated/prisma/client.js';
import { type Random, uuidv7 } from './random.js';
import type { School, SchoolDepartment } from './school.js';

const DAY = 24 * 60 * 60_000;

export interface Person {
  id: string;
  name: string;
  firstName: string;
  email: string;
  role: Role;
  departmentId: string | null;
  studentNumber: string | null;
  /** The private address a student uses when reporting without signing in. */
  personalEmail: string;
  createdAt: number;
}

export interface DepartmentTeam {
  staff: Person[];
  managers: Person[];
}

export interface People {
  /** Every student, the demo student first. */
  students: Person[];
  teams: Map<SchoolDepartment, DepartmentTeam>;
  demo: { student: Person; staff: Person; manager: Person; admin: Person; financialAid: Person };
  rows: Prisma.UserCreateManyInput[];
  memberships: Prisma.DepartmentMembershipCreateManyInput[];
}

/** The password of every seeded account. */
export const DEMO_PASSWORD = 'studentdesk';

// First and last names by culture, so a name's parts belong together. Weights reflect a
// Dutch university with a large international intake.
const CULTURES: { weight: number; first: string[]; last: string[] }[] = [
  {
    weight: 26,
    first: [
      'Daan',
      'Sanne',
      'Lotte',
      'Bram',
      'Femke',
      'Thijs',
      'Anouk',
      'Jesse',
      'Roos',
      'Lars',
      'Eva',
      'Sem',
      'Noor',
      'Milan',
      'Iris',
      'Ruben',
      'Fleur',
      'Stijn',
      'Maud',
      'Joris',
    ],
    last: [
      'de Vries',
      'Jansen',
      'Bakker',
      'Visser',
      'Smit',
      'Meijer',
      'de Boer',
      'Mulder',
      'de Groot',
      'Bos',
      'Vos',
      'Peters',
      'Hendriks',
      'van Dijk',
      'van den Berg',
      'Dekker',
      'Brouwer',
      'van Leeuwen',
      'Kok',
      'Verhoeven',
    ],
  },
  {
    weight: 8,
    first: ['Lukas', 'Lena', 'Felix', 'Mia', 'Jonas', 'Hannah', 'Leon', 'Sophie', 'Paul', 'Clara', 'Maximilian', 'Johanna'],
    last: [
      'Müller',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Becker',
      'Hoffmann',
      'Schulz',
      'Koch',
      'Richter',
      'Wagner',
      'Zimmermann',
      'Krüger',
    ],
  },
  {
    weight: 6,
    first: ['Chinedu', 'Ngozi', 'Oluwaseun', 'Adaeze', 'Emeka', 'Folake', 'Tunde', 'Chiamaka', 'Ifeanyi', 'Yetunde', 'Obinna', 'Amaka'],
    last: ['Okafor', 'Adeyemi', 'Nwosu', 'Okonkwo', 'Balogun', 'Eze', 'Adebayo', 'Obi', 'Ogunleye', 'Chukwu', 'Afolabi', 'Nnamdi'],
  },
  {
    weight: 8,
    first: ['Aarav', 'Ananya', 'Rohan', 'Priya', 'Vikram', 'Ishita', 'Arjun', 'Kavya', 'Siddharth', 'Meera', 'Rahul', 'Divya'],
    last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Menon', 'Kapoor', 'Rao', 'Desai', 'Krishnan', 'Banerjee'],
  },
  {
    weight: 7,
    first: ['Wei', 'Xinyi', 'Hao', 'Yuxuan', 'Jie', 'Mingzhu', 'Zihan', 'Lan', 'Chen', 'Ruoxi', 'Jun', 'Yiting'],
    last: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun'],
  },
  {
    weight: 7,
    first: ['Youssef', 'Fatima', 'Mohamed', 'Salma', 'Ilyas', 'Nora', 'Hamza', 'Imane', 'Ayoub', 'Yasmina', 'Bilal', 'Khadija'],
    last: [
      'El Amrani',
      'Benali',
      'Bouzid',
      'El Idrissi',
      'Haddou',
      'Ouali',
      'Azzouzi',
      'Tahiri',
      'Ziani',
      'Bakkali',
      'Chaouki',
      'Mansouri',
    ],
  },
  {
    weight: 6,
    first: ['Emre', 'Elif', 'Burak', 'Zeynep', 'Mert', 'Ayşe', 'Can', 'Selin', 'Kerem', 'Defne', 'Onur', 'Ece'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Aydın', 'Öztürk', 'Arslan', 'Doğan', 'Kılıç', 'Koç'],
  },
  {
    weight: 5,
    first: ['Jakub', 'Zofia', 'Kacper', 'Maja', 'Mateusz', 'Julia', 'Szymon', 'Natalia', 'Wojciech', 'Aleksandra'],
    // Surnames that do not change with gender (unlike Kowalski/Kowalska).
    last: ['Nowak', 'Wójcik', 'Kaczmarek', 'Mazur', 'Krawczyk', 'Zając', 'Król', 'Wieczorek', 'Pawlak', 'Wróbel'],
  },
  {
    weight: 6,
    first: ['Mateo', 'Lucía', 'Santiago', 'Valentina', 'Diego', 'Camila', 'Alejandro', 'Sofía', 'Javier', 'Daniela', 'Pablo', 'Martina'],
    last: [
      'García',
      'Rodríguez',
      'Martínez',
      'López',
      'Hernández',
      'González',
      'Pérez',
      'Sánchez',
      'Ramírez',
      'Torres',
      'Flores',
      'Morales',
    ],
  },
  {
    weight: 4,
    first: ['Minh', 'Linh', 'Duc', 'Thao', 'Quang', 'Hoa', 'Tuan', 'Ngoc', 'Khanh', 'Mai'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang', 'Bui', 'Do', 'Ngo'],
  },
  {
    weight: 4,
    first: ['Putri', 'Budi', 'Ayu', 'Rizky', 'Dewi', 'Agus', 'Sari', 'Fajar', 'Indah', 'Bayu'],
    last: ['Santoso', 'Wijaya', 'Saputra', 'Hidayat', 'Kusuma', 'Pratama', 'Nugroho', 'Halim', 'Setiawan', 'Lestari'],
  },
  {
    weight: 4,
    first: ['Gabriel', 'Beatriz', 'Lucas', 'Mariana', 'Rafael', 'Larissa', 'Thiago', 'Fernanda', 'Gustavo', 'Juliana'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Pereira', 'Almeida', 'Carvalho', 'Ribeiro', 'Ferreira'],
  },
  {
    weight: 4,
    first: ['Giulia', 'Lorenzo', 'Chiara', 'Matteo', 'Francesca', 'Alessandro', 'Sara', 'Davide', 'Elena', 'Federico'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco'],
  },
  {
    weight: 4,
    first: ['Kwame', 'Ama', 'Kofi', 'Akosua', 'Yaw', 'Efua', 'Kwabena', 'Abena', 'Kojo', 'Adjoa'],
    last: ['Mensah', 'Owusu', 'Boateng', 'Asante', 'Osei', 'Addo', 'Appiah', 'Darko', 'Amoah', 'Agyeman'],
  },
  {
    weight: 3,
    first: ['Oleksandr', 'Anastasiia', 'Dmytro', 'Yuliia', 'Andrii', 'Daryna', 'Maksym', 'Sofiia'],
    last: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Oliinyk', 'Boiko'],
  },
  {
    weight: 3,
    first: ['Ji-woo', 'Min-jun', 'Seo-yeon', 'Do-yun', 'Ha-eun', 'Ji-ho', 'Su-bin', 'Hyun-woo'],
    last: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon'],
  },
  {
    weight: 3,
    first: ['Arash', 'Shirin', 'Reza', 'Parisa', 'Dariush', 'Niloufar', 'Kian', 'Yasaman'],
    last: ['Hosseini', 'Rahimi', 'Karimi', 'Moradi', 'Jafari', 'Ahmadi', 'Rezaei', 'Ghorbani'],
  },
];

const PERSONAL_MAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example'];

/** Email-safe form of a name part: "van den Berg" → "vandenberg", "Yılmaz" → "yilmaz". */
function emailPart(name: string): string {
  return name
    .replace(/ß/g, 'ss')
    .replace(/[łŁ]/g, 'l')
    .replace(/[ıİ]/g, 'i')
    .replace(/[đĐ]/g, 'd')
    .replace(/[øØ]/g, 'o')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Hands out unique addresses, numbering repeats as mail systems do: emma.devries2@… */
class Mailboxes {
  private readonly taken = new Set<string>();

  claim(local: string, domain: string): string {
    let candidate = `${local}@${domain}`;
    for (let n = 2; this.taken.has(candidate); n += 1) candidate = `${local}${n}@${domain}`;
    this.taken.add(candidate);
    return candidate;
  }
}

function drawName(random: Random): { first: string; last: string } {
  const culture = random.weighted(CULTURES.map((entry) => [entry, entry.weight] as const));
  return { first: random.pick(culture.first), last: random.pick(culture.last) };
}

interface FixedAccount {
  email: string;
  first: string;
  last: string;
  role: Role;
  department: string | null;
}

const DEMO_ACCOUNTS = {
  student: { email: 'student@studentdesk.demo', first: 'Amara', last: 'Okafor', role: 'STUDENT', department: null },
  staff: { email: 'staff@studentdesk.demo', first: 'Jonas', last: 'Weber', role: 'STAFF', department: 'it' },
  manager: { email: 'manager@studentdesk.demo', first: 'Priya', last: 'Raman', role: 'MANAGER', department: 'it' },
  admin: { email: 'admin@studentdesk.demo', first: 'Morgan', last: 'Bakker', role: 'ADMIN', department: null },
  financialAid: { email: 'finaid@studentdesk.demo', first: 'Fatima', last: 'El Amrani', role: 'STAFF', department: 'financial-aid' },
} as const satisfies Record<string, FixedAccount>;

/**
 * 300 × scale students and 25 × ceil(√scale) staff. Every account gets the same password hash,
 * computed once by the caller (scrypt is deliberately slow).
 */
export function buildPeople(school: School, random: Random, now: Date, scale: number, passwordHash: string): People {
  const mailboxes = new Mailboxes();
  const rows: Prisma.UserCreateManyInput[] = [];
  const memberships: Prisma.DepartmentMembershipCreateManyInput[] = [];
  const nowMs = now.getTime();

  const person = (
    first: string,
    last: string,
    role: Role,
    email: string,
    department: SchoolDepartment | null,
    createdAt: number,
    studentNumber: string | null = null,
  ): Person => {
    const created: Person = {
      id: uuidv7(createdAt),
      name: `${first} ${last}`,
      firstName: first,
      email,
      role,
      departmentId: department?.id ?? null,
      studentNumber,
      personalEmail: mailboxes.claim(`${emailPart(first)}.${emailPart(last)}${random.int(1, 99)}`, random.pick(PERSONAL_MAIL_DOMAINS)),
      createdAt,
    };
    rows.push({
      id: created.id,
      email,
      name: created.name,
      role,
      passwordHash,
      studentNumber,
      createdAt: new Date(createdAt),
    });
    if (created.departmentId) {
      const departmentRole = role === 'MANAGER' ? 'MANAGER' : 'STAFF';
      memberships.push({ userId: created.id, departmentId: created.departmentId, role: departmentRole, createdAt: new Date(createdAt) });
    }
    return created;
  };
  const fixed = (account: FixedAccount, createdAt: number, studentNumber: string | null = null): Person =>
    person(
      account.first,
      account.last,
      account.role,
      mailboxes.claim(account.email.split('@')[0] as string, account.email.split('@')[1] as string),
      account.department ? school.department(account.department) : null,
      createdAt,
      studentNumber,
    );
  // Staff joined years ago; students enrolled at least 130 days ago, so before their first ticket.
  const staffSince = () => nowMs - random.int(200, 3000) * DAY;

  // Staff: each department's team repeats ceil(√scale) times; the first of every team manages it.
  const teams = new Map<SchoolDepartment, DepartmentTeam>();
  const admin = fixed(DEMO_ACCOUNTS.admin, staffSince());
  let demoStaff: Person | undefined;
  let demoManager: Person | undefined;
  let demoFinancialAid: Person | undefined;
  const teamCopies = Math.ceil(Math.sqrt(scale));
  for (const department of school.departments) {
    const team: DepartmentTeam = { staff: [], managers: [] };
    teams.set(department, team);
    for (let copy = 0; copy < teamCopies; copy += 1) {
      for (let seat = 0; seat < department.staffAtScaleOne; seat += 1) {
        const role: Role = seat === 0 ? 'MANAGER' : 'STAFF';
        let member: Person;
        if (copy === 0 && department.slug === 'it' && seat === 0) member = demoManager = fixed(DEMO_ACCOUNTS.manager, staffSince());
        else if (copy === 0 && department.slug === 'it' && seat === 1) member = demoStaff = fixed(DEMO_ACCOUNTS.staff, staffSince());
        else if (copy === 0 && department.slug === 'financial-aid' && seat === 1)
          member = demoFinancialAid = fixed(DEMO_ACCOUNTS.financialAid, staffSince());
        else {
          const { first, last } = drawName(random);
          member = person(
            first,
            last,
            role,
            mailboxes.claim(`${emailPart(first)}.${emailPart(last)}`, 'staff.demo.edu'),
            department,
            staffSince(),
          );
        }
        (role === 'MANAGER' ? team.managers : team.staff).push(member);
      }
    }
  }
  if (!demoStaff || !demoManager || !demoFinancialAid) throw new Error('the demo staff accounts were not placed in a team');

  // Students: intake years first, so numbers can be dense per year and never collide.
  const studentCount = Math.max(1, Math.round(300 * scale));
  const enrolments = Array.from({ length: studentCount }, () => nowMs - random.int(130, 1500) * DAY);
  const intakeYear = (at: number) => new Date(at).getUTCFullYear();
  const perYear = new Map<number, number>();
  for (const at of enrolments) perYear.set(intakeYear(at), (perYear.get(intakeYear(at)) ?? 0) + 1);
  const digits = Math.max(4, String(Math.max(...perYear.values()) * 2).length);
  const issued = new Map<number, number>();
  const studentNumber = (at: number): string => {
    const year = intakeYear(at);
    const index = issued.get(year) ?? 0;
    issued.set(year, index + 1);
    // Stepping by a prime spreads the numbers over the range without repeating within it.
    const low = 10 ** (digits - 1);
    const span = 9 * low;
    return `S${year}${low + ((index * 7919 + 4241) % span)}`;
  };

  const students: Person[] = [];
  enrolments.forEach((enrolledAt, index) => {
    if (index === 0) {
      students.push(fixed(DEMO_ACCOUNTS.student, enrolledAt, studentNumber(enrolledAt)));
      return;
    }
    const { first, last } = drawName(random);
    const email = mailboxes.claim(`${emailPart(first)}.${emailPart(last)}`, 'students.demo.edu');
    students.push(person(first, last, 'STUDENT', email, null, enrolledAt, studentNumber(enrolledAt)));
  });
  const demoStudent = students[0] as Person;

  return {
    students,
    teams,
    demo: { student: demoStudent, staff: demoStaff, manager: demoManager, admin, financialAid: demoFinancialAid },
    rows,
    memberships,
  };
}
