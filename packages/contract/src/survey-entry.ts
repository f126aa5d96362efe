// Survey (issue 13): request and response schemas of this part. See docs/api.md "Survey".
import { z } from 'zod';

export const survey_entryPlaceholder = z.object({});
