export { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS } from '../core/agency/agency.ts';
export { STAFF_ROLE_LABELS } from '../core/staff/roles.ts';
