import type { FastifyServerOptions } from 'fastify';
import { maskPersonalDataInText } from '../../core/shared/masking.ts';

/**
 * Request logs never contain ID numbers, phone numbers or passwords: URLs are masked, bodies and
 * cookies are never logged, and any field that could hold them is redacted.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.idNumber',
        '*.phone',
      ],
      censor: '[已隐藏]',
    },
    serializers: {
      req(request: { method: string; url: string; ip?: string; id?: string }) {
        return {
          method: request.method,
          url: maskPersonalDataInText(request.url),
          ip: request.ip,
          reqId: request.id,
        };
      },
    },
  };
}
