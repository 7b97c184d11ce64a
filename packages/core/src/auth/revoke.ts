import { Clock } from "../clock/index.js";
import { isConditionFailure } from "../error/index.js";
import { sessionEntity } from "./entity.js";

/**
 * Revokes every refresh session of a person (a password reset): a Query on sessionsOfPerson, then
 * one conditional patch per live session. Access tokens already out lapse within their 10 minutes.
 */
export async function revokeSessionsOf(personID: string): Promise<number> {
  const entity = await sessionEntity();
  const { data } = await entity.query.sessionsOfPerson({ personID }).go({ pages: "all" });
  const now = Clock.iso();
  const live = data.filter((s) => !s.revokedAt);
  await Promise.all(
    live.map((s) =>
      entity
        .patch({ sessionID: s.sessionID })
        .set({ revokedAt: now })
        .where((a, op) => op.notExists(a.revokedAt))
        .go()
        .catch((e) => {
          if (!isConditionFailure(e)) throw e;
        }),
    ),
  );
  return live.length;
}
