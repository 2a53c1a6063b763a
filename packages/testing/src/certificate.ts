// A self-signed certificate for servers under test that offer TLS (the API's SMTP listener's STARTTLS).
import { generate } from 'selfsigned';

export async function selfSignedCertificate(commonName = 'localhost'): Promise<{ cert: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: commonName }], { keySize: 2048 });
  return { cert: pems.cert, key: pems.private };
}
