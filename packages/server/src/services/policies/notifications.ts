/** Notifications: each user reads and marks only their own; the queries filter on this user. */
import type { Actor } from '../actor';

export const notificationOwner = (actor: Actor): string => actor.userId;
