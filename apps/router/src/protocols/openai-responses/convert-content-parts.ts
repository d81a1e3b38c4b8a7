import type { LanguageModelV4FilePart, LanguageModelV4TextPart } from '@ai-sdk/provider';
import { InvalidRequestError } from '../../errors/index.ts';
import { fileFromUrl } from '../file-from-url.ts';
import type { ResponsesContentPart } from './responses-input-schema.ts';

/** `input_text`, `input_image`, `input_file` and `input_audio` as AI SDK prompt parts. */
export function convertContentPart(
  part: ResponsesContentPart,
  param: string,
): LanguageModelV4TextPart | LanguageModelV4FilePart {
  switch (part.type) {
    case 'input_text':
      return { type: 'text', text: part.text };
    case 'input_image':
      if (part.image_url == null) throw fileIdRefused(`${param}.file_id`);
      return fileFromUrl(part.image_url, 'image/*', `${param}.image_url`);
    case 'input_file': {
      const source = part.file_data ?? part.file_url;
      if (source == null) throw fileIdRefused(`${param}.file_id`);
      const file = part.file_data
        ? fileFromData(part.file_data, `${param}.file_data`)
        : fileFromUrl(source, 'application/pdf', `${param}.file_url`);
      return part.filename == null ? file : { ...file, filename: part.filename };
    }
    case 'input_audio':
      return {
        type: 'file',
        mediaType: part.input_audio.format === 'wav' ? 'audio/wav' : 'audio/mpeg',
        data: { type: 'data', data: part.input_audio.data },
      };
  }
}

/** Text only: system and developer messages cannot carry files. */
export function textOfParts(parts: string | ResponsesContentPart[], param: string): string {
  if (typeof parts === 'string') return parts;
  return parts
    .map((part, index) => {
      if (part.type === 'input_text') return part.text;
      throw new InvalidRequestError({
        message: 'System and developer messages can only contain input_text parts.',
        param: `${param}[${index}]`,
      });
    })
    .join('');
}

function fileIdRefused(param: string): InvalidRequestError {
  return new InvalidRequestError({
    message:
      'Files are referenced by OpenAI file ids, which Switchyard cannot read: send the file inline (a data URL) or by URL.',
    param,
  });
}

/** `file_data` is a data URL, or plain base64 of a PDF as some clients send it. */
function fileFromData(data: string, param: string): LanguageModelV4FilePart {
  if (data.startsWith('data:')) return fileFromUrl(data, 'application/pdf', param);
  return { type: 'file', mediaType: 'application/pdf', data: { type: 'data', data } };
}
