// Runs graphql-http's serverAudits against the URL given as the first argument and prints one
// JSON line per audit: {id, name, status, reason}. Exit status 0 whatever the results: the Go
// test decides what counts as a failure.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  let reason = result.reason ?? '';
  if (result.response) {
    try {
      reason += ` (status ${result.response.status}: ${(await result.response.text()).slice(0, 300)})`;
    } catch {}
  }
  console.log(JSON.stringify({ id: audit.id, name: audit.name, status: result.status, reason }));
}
