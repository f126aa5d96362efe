/**
 * The token of a single-use survey link (/khao-sat/<token>): 128 random bits, URL-safe. It is the
 * only thing that grants an anonymous answer, so it must not be guessable. Shared by the sample's
 * invitations (setup) and the links made for counters and chat (collection).
 */
import { randomBytes } from 'node:crypto';

export const invitationToken = (): string => randomBytes(16).toString('base64url');
