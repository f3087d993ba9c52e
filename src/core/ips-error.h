/* ips-error.h: the error domain for every failure a user can cause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IPS_ERROR (ips_error_quark ())

/* Each code names what the user can do something about, so that the window
 * can offer the right way out (open read-only, choose another file, free space).
 */
typedef enum
{
  IPS_ERROR_FAILED,
  IPS_ERROR_NOT_FOUND,          /* no such file */
  IPS_ERROR_UNREADABLE,         /* permission denied, a directory, a symlink */
  IPS_ERROR_NOT_CLIENT_FILE,    /* not an IPS Caseload client file at all */
  IPS_ERROR_DAMAGED,            /* a client file that fails its checks */
  IPS_ERROR_NEWER_VERSION,      /* made by a newer version: read-only */
  IPS_ERROR_LOCKED,             /* open elsewhere: read-only */
  IPS_ERROR_READ_ONLY,          /* an edit refused because the file is read-only */
  IPS_ERROR_EXISTS,             /* refusing to overwrite a file */
  IPS_ERROR_NO_SPACE,           /* the disk is full */
  IPS_ERROR_UNKNOWN_FORM,
  IPS_ERROR_UNKNOWN_FIELD,
  IPS_ERROR_INVALID_VALUE,
  IPS_ERROR_INVALID_XML,
  IPS_ERROR_INVALID_DEFINITION,
  IPS_ERROR_WRITE_FAILED,       /* could not write an output file */
} IpsError;

GQuark ips_error_quark (void);

G_END_DECLS
