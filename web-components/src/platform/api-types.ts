/** Response shapes of the platform API (see worker/platform/schemas.ts; OpenAPI at /api/v1/openapi.json). */
import type { z } from 'zod';
import type { AgencySchema, NotificationListSchema, ServiceTypeSchema, UserSchema } from '../../../worker/platform/schemas';

export type User = z.infer<typeof UserSchema>;
export type NotificationList = z.infer<typeof NotificationListSchema>;
export type Agency = z.infer<typeof AgencySchema>;
export type ServiceType = z.infer<typeof ServiceTypeSchema>;
export type FormField = ServiceType['formSchema'][number];
