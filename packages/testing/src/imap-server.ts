// A real IMAP server for email tests: Dovecot (Debian's dovecot-imapd, which .ci/run installs), run
// by the test from a configuration of its own in a temporary folder, on a free loopback port, with
// one mailbox user. Not the machine's Dovecot service: nothing outside the folder is read or written.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { acceptsConnections, freePort } from './loopback.js';
import { until } from './until.js';

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) => existsSync(path));

/** Whether Dovecot is installed here (`apt-get install dovecot-imapd`). */
export const imapServerAvailable = () => DOVECOT !== undefined;

export interface ImapServer {
  /** imap://user:password@127.0.0.1:port/INBOX, as IMAP_URL takes it. */
  url: string;
  /** Delivers a message into the user's INBOX, as the school's mail server would. */
  deliver: (raw: string) => Promise<void>;
  /** Marks every message unseen again, as a mailbox restored from a backup (or a client that undid it) would be. */
  markAllUnseen: () => Promise<void>;
  /** Flags and the mailbox of each message, by Message-ID. */
  messages: (mailbox?: string) => Promise<Array<{ messageId: string; seen: boolean }>>;
  close: () => Promise<void>;
}

const USER = 'desk';
const PASSWORD = 'imap-test-password';

export async function startImapServer(): Promise<ImapServer> {
  if (!DOVECOT) throw new Error('Dovecot is not installed: apt-get install dovecot-imapd (.ci/run does)');
  const dir = mkdtempSync(join(tmpdir(), 'studentdesk-imap-'));
  chmodSync(dir, 0o755);
  const mail = join(dir, 'mail');
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  // As root (CI), Dovecot's own unprivileged users run it and mail belongs to nobody; otherwise, the current user.
  const root = process.getuid?.() === 0;
  const me = userInfo();
  if (root) chownSync(mail, 65534, 65534);
  const port = await freePort();
  writeFileSync(join(dir, 'users'), `${USER}:{PLAIN}${PASSWORD}\n`, { mode: 0o644 });
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mail}/%n
first_valid_uid = 1
default_internal_user = ${root ? 'dovecot' : me.username}
default_internal_group = ${root ? 'dovecot' : me.username}
default_login_user = ${root ? 'dovenull' : me.username}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n ${dir}/users
}
userdb {
  driver = static
  args = uid=${root ? 65534 : me.uid} gid=${root ? 65534 : me.gid} home=${mail}/%n
}
`,
  );
  const dovecot: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  let exited = false;
  dovecot.once('exit', () => (exited = true));
  await until(
    async () => exited || (await acceptsConnections(port)),
    15_000,
    () => `Dovecot to listen on ${port}`,
  );
  if (exited) throw new Error(`Dovecot exited at start: ${readFileSync(join(dir, 'dovecot.log'), 'utf8')}`);

  const client = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: USER, pass: PASSWORD },
      logger: false,
    });
    await imap.connect();
    try {
      return await work(imap);
    } finally {
      await imap.logout();
    }
  };
  return {
    url: `imap://${USER}:${PASSWORD}@127.0.0.1:${port}/INBOX`,
    deliver: async (raw) => {
      await client((imap) => imap.append('INBOX', raw));
    },
    markAllUnseen: () =>
      client(async (imap) => {
        const lock = await imap.getMailboxLock('INBOX');
        try {
          await imap.messageFlagsRemove('1:*', ['\\Seen']);
        } finally {
          lock.release();
        }
      }),
    messages: (mailbox = 'INBOX') =>
      client(async (imap) => {
        const lock = await imap.getMailboxLock(mailbox);
        try {
          const found = await imap.fetchAll('1:*', { envelope: true, flags: true });
          return found.map((message) => ({
            messageId: (message.envelope?.messageId ?? '').replace(/^<|>$/g, ''),
            seen: message.flags?.has('\\Seen') ?? false,
          }));
        } catch {
          // An empty mailbox has no 1:*.
          return [];
        } finally {
          lock.release();
        }
      }),
    async close() {
      if (!exited) {
        const stopped = new Promise((resolve) => dovecot.once('exit', resolve));
        dovecot.kill('SIGTERM');
        await stopped;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
