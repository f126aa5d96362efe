/**
 * The assessed unit's strings (my work, self-assessment, evidence, requests, submission,
 * notifications) live in their own i18next namespace ("assessment").
 */
import i18n from '../../i18n';
import vi from '../../i18n/vi/assessment.json';
import en from '../../i18n/en/assessment.json';

export const NS = 'assessment';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);
