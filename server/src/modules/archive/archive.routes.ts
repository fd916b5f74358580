/**
 * Digitaal archief over HTTP: list, one item's text, download, a school's upload, and the helpdesk sending an
 * e-mail or document. All through `defineRoute`, so authentication, the organisation policy
 * (`organisationAccess`), validation and the error envelope are the same as for every JSON route; the upload
 * and download handlers read and write the raw request/response themselves.
 *
 * The multipart request bodies and the binary download are described by each route's `openApi` override.
 */
import {
  archiveItemDetailSchema,
  archiveItemParamsSchema,
  archiveItemSchema,
  archivePageSchema,
  archiveQuerySchema,
  helpdeskEmailRequestSchema,
  helpdeskSendResponseSchema,
  HISTORY_LIMITS,
  organisationParamsSchema,
  UPLOAD_TYPES,
} from "../../contracts/api/history.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { binaryDownloadOpenApi, sendFile } from "./archive-files.js";
import { archiveFileDownloader, archiveItemReader, archiveLister } from "./commands/archive-reader.js";
import { archiveUploader } from "./commands/archive-uploader.js";
import { helpdeskDocumentSender, helpdeskEmailSender } from "./commands/helpdesk-sender.js";

const TAG = "Digitaal archief";

const multipartBody = (description: string) => ({
  required: true,
  description,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object",
        required: ["subject", "file"],
        properties: {
          subject: { type: "string", minLength: 1, maxLength: HISTORY_LIMITS.subjectMax },
          note: { type: "string", maxLength: HISTORY_LIMITS.noteMax },
          file: {
            type: "string",
            format: "binary",
            description: `At most ${HISTORY_LIMITS.uploadMaxBytes} bytes (413 file_too_large); type decided on content: ${Object.keys(UPLOAD_TYPES).join(", ")} (415 file_type_not_allowed); a docx/xlsx that would unpack to a zip bomb or has a broken ZIP directory is 422 file_rejected_archive.`,
          },
        },
      },
    },
  },
});


export const archiveRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/archive",
    summary: "Documents and e-mails both ways, newest first (keyset cursor)",
    tag: TAG,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    query: archiveQuerySchema,
    response: archivePageSchema,
    handler: async ({ params, query, res }) => {
      res.set("Cache-Control", "no-store");
      return archiveLister({ organisationId: params.organisationId, ...query });
    },
  }),
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/archive/:itemId",
    summary: "One archive item with its text (an e-mail's body, as plain text)",
    tag: TAG,
    auth: "principal",
    organisationParam: "organisationId",
    params: archiveItemParamsSchema,
    response: archiveItemDetailSchema,
    handler: async ({ params, res }) => {
      res.set("Cache-Control", "no-store");
      return archiveItemReader(params);
    },
  }),
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/archive/:itemId/file",
    summary: "Download an archive item's file (always an attachment, nosniff)",
    tag: TAG,
    auth: "principal",
    organisationParam: "organisationId",
    params: archiveItemParamsSchema,
    openApi: binaryDownloadOpenApi,
    handler: async ({ params, res, req, principal, access }) => {
      await sendFile(res, await archiveFileDownloader({ ...params, audit: { principal, access, ip: req.ip } }));
    },
  }),
  defineRoute({
    method: "post",
    path: "/organisations/:organisationId/archive",
    summary: "Send a document to the helpdesk (multipart: subject, note?, file)",
    tag: TAG,
    auth: "contact",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    response: archiveItemSchema,
    status: 201,
    openApi: { requestBody: multipartBody("Document naar de helpdesk sturen") },
    handler: async ({ req, params, principal, access }) =>
      archiveUploader({ req, organisationId: params.organisationId, senderName: principal.name, audit: { principal, access, ip: req.ip } }),
  }),
  defineRoute({
    method: "post",
    path: "/organisations/:organisationId/archive/from-helpdesk",
    summary: "Put an e-mail from the helpdesk in the archive and notify the gemachtigde (helpdesk)",
    tag: TAG,
    auth: "agent",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    body: helpdeskEmailRequestSchema,
    response: helpdeskSendResponseSchema,
    status: 201,
    handler: async ({ req, params, body, principal, access }) =>
      helpdeskEmailSender({
        organisationId: params.organisationId,
        agentId: principal.agentId,
        subject: body.subject,
        body: body.body,
        audit: { principal, access, ip: req.ip },
      }),
  }),
  defineRoute({
    method: "post",
    path: "/organisations/:organisationId/archive/from-helpdesk/document",
    summary: "Put a document from the helpdesk in the archive and notify the gemachtigde (helpdesk; multipart)",
    tag: TAG,
    auth: "agent",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    response: helpdeskSendResponseSchema,
    status: 201,
    openApi: { requestBody: multipartBody("Document van de helpdesk in het Digitaal archief") },
    handler: async ({ req, params, principal, access }) =>
      helpdeskDocumentSender({ req, organisationId: params.organisationId, agentId: principal.agentId, audit: { principal, access, ip: req.ip } }),
  }),
];

