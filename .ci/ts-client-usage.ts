// Type-checked only (tsc --noEmit, .ci/tsconfig.ts-client.json), never run: uses the generated
// typescript-fetch client (target/ts-client) as a staff tool would, so that renamed operations,
// parameters or model fields fail the check rather than pass it unnoticed.
import { Configuration, ConfirmationApi, ResponseError } from '../target/ts-client';
import type { UserStatusResult } from '../target/ts-client';

export async function userStatus(baseUrl: string, token: string, username: string): Promise<string> {
  const api = new ConfirmationApi(new Configuration({ basePath: baseUrl, accessToken: async () => token }));
  try {
    const result: UserStatusResult = await api.getUserStatus({
      userPoolId: 'us-east-1_TestCustomers1',
      username,
    });
    return `${result.username ?? username}: ${result.userStatus ?? 'unknown'}`;
  } catch (e: unknown) {
    if (e instanceof ResponseError) {
      return `HTTP ${e.response.status}`;
    }
    throw e;
  }
}
