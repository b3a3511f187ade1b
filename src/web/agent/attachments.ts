import { MAX_IMAGE_BYTES, MAX_MEDIA_BYTES, mediaProblem } from '../../server/media/media-rules';

export type AttachmentProblem = { kind: 'type'; type: string } | { kind: 'size'; limitMb: number; sizeMb: string };

/**
 * Why WhatsApp would refuse a file, checked before uploading with the server's own rule
 * (type and size); the caller words it in the agent's language.
 */
export function attachmentProblem(file: { type: string; size: number }): AttachmentProblem | null {
  const type = file.type || 'application/octet-stream';
  if (mediaProblem(type, 0)) return { kind: 'type', type };
  if (!mediaProblem(type, file.size)) return null;
  const limit = type.startsWith('image/') ? MAX_IMAGE_BYTES : MAX_MEDIA_BYTES;
  return { kind: 'size', limitMb: limit / 1048576, sizeMb: (file.size / 1048576).toFixed(1) };
}

/** Accept attribute for the file picker, matching what the rule allows. */
export const ACCEPTED_FILES = 'image/jpeg,image/png,video/mp4,audio/ogg,audio/opus,audio/amr,audio/aac,audio/mpeg,audio/mp4,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.vcf';
