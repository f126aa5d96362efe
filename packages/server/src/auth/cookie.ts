/** Name of the session cookie (HttpOnly, SameSite=Lax, Path=/). */
export const sessionCookieName = 'chiso_session';
