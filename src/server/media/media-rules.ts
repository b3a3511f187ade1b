/** What WhatsApp through Twilio accepts as media (Twilio's WhatsApp media limits). */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const ALLOWED_TYPES = new Set([
  'image/jpeg', 'image/png',
  'video/mp4',
  'audio/ogg', 'audio/opus', 'audio/amr', 'audio/aac', 'audio/mpeg', 'audio/mp4',
  'application/pdf',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'text/vcard', 'text/x-vcard',
]);

export function baseContentType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** Why a file may not go through WhatsApp, or null when it may. */
export function mediaProblem(contentType: string, size: number): string | null {
  const type = baseContentType(contentType);
  if (!ALLOWED_TYPES.has(type)) return `WhatsApp does not accept files of type ${type}.`;
  const limit = sizeLimitFor(type);
  if (size > limit) return `The file is ${(size / 1048576).toFixed(1)} MB; WhatsApp accepts at most ${limit / 1048576} MB for ${type.startsWith('image/') ? 'images' : 'files'}.`;
  return null;
}

/** The largest file WhatsApp takes of this type. */
export function sizeLimitFor(contentType: string): number {
  return baseContentType(contentType).startsWith('image/') ? MAX_IMAGE_BYTES : MAX_MEDIA_BYTES;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'video/mp4': 'mp4', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/amr': 'amr',
  'audio/aac': 'aac', 'application/pdf': 'pdf', 'text/vcard': 'vcf',
};
export const extensionFor = (contentType: string) => EXTENSIONS[baseContentType(contentType)] ?? 'bin';
