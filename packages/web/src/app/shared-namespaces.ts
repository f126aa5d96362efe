/**
 * String namespaces that pages of several areas read (the side navigation's labels, the cycle,
 * framework and assessment strings): loaded with every lazily loaded page (router.tsx's lazyPage),
 * not with the login page.
 */
import '../pages/frameworks/i18n';
import '../pages/assessment/i18n';
import '../pages/cycles/i18n';
