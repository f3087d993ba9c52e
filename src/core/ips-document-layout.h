/* ips-document-layout.h: a client record laid out as the paper forms are
 *
 * The layout is a list of blocks (the form's heading lines, section headings,
 * questions and answers, tables, signature lines) in reading order. It says
 * what is on the page, not where: the ODT exporter writes the blocks as ODF,
 * and the print renderer places them on pages, so the document and the
 * printed copy hold the same thing. The helpers at the end are the decisions
 * behind it (which answers show, how values read, the decision balance's
 * grid, signature paths).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-client-file.h"
#include "ips-signature.h"

G_BEGIN_DECLS

typedef enum
{
  IPS_LAYOUT_DEFAULT       = 0,
  /* Only the parts the client agreed to share (see IPS_ODT_EXPORT_EMPLOYER_COPY). */
  IPS_LAYOUT_EMPLOYER_COPY = 1 << 0,
} IpsLayoutFlags;

typedef enum
{
  IPS_BLOCK_CLIENT_NAME,  /* starts a form; every form but the first on a new page */
  IPS_BLOCK_TITLE,        /* the form's title */
  IPS_BLOCK_DATE,         /* "Date: 5 January 2026" */
  IPS_BLOCK_NOTE,         /* a remark in italics */
  IPS_BLOCK_HEADING,      /* a section's title */
  IPS_BLOCK_LABEL,        /* a question, in bold */
  IPS_BLOCK_HELP,         /* the question's hint */
  IPS_BLOCK_ANSWER,       /* the answer, newlines kept */
  IPS_BLOCK_OPTION,       /* one choice with its box, ticked or not */
  IPS_BLOCK_BLANK,        /* n_lines empty lines to write the answer by hand */
  IPS_BLOCK_TABLE,        /* rows of cells */
  IPS_BLOCK_SIGNATURE,    /* "Signature: ____  Date: ____" or the drawn signature */
} IpsBlockKind;

typedef enum
{
  IPS_ROW_BODY,
  IPS_ROW_HEADER,         /* repeated at the top of each page the table spans */
  IPS_ROW_BLANK,          /* an empty row to write in */
  IPS_ROW_GRID,           /* a tall row of a grid of points */
} IpsRowKind;

typedef struct
{
  gboolean  heading;      /* a header cell: shaded, text in bold */
  char     *title;        /* a bold line above the content, or NULL */
  char     *text;         /* or NULL */
  GStrv     points;       /* one bullet each, or NULL */
  char     *signature;    /* path data (see ips_signature_normalize_path), or NULL */
  IpsSignatureBounds signature_bounds;  /* of @signature */
  char     *signature_title;  /* what the signature is, for the picture's title */
} IpsLayoutCell;

typedef struct
{
  IpsRowKind  kind;
  GPtrArray  *cells;      /* IpsLayoutCell */
} IpsLayoutRow;

typedef struct
{
  IpsBlockKind  kind;
  char         *text;      /* the text of every kind but TABLE and BLANK */
  guint         n_lines;   /* BLANK */
  gboolean      ticked;    /* OPTION */
  /* TABLE */
  char         *caption;   /* the table's name, or NULL */
  GArray       *widths;    /* double: each column's share of the text width */
  GPtrArray    *rows;      /* IpsLayoutRow, header rows first */
  /* SIGNATURE: @text is the field's label */
  char         *signature; /* path data, or NULL when not signed on screen */
  IpsSignatureBounds signature_bounds;  /* of @signature */
  char         *date;      /* when it was signed, or NULL */
  char         *note;      /* "Signed on … for an earlier version of this plan", or NULL */
} IpsLayoutBlock;

void                ips_layout_block_free (IpsLayoutBlock   *block);

/* The record (every form) or one form (@form_id non-NULL) as blocks, dated
 * @time (NULL: now). Returns a GPtrArray of IpsLayoutBlock. */
GPtrArray          *ips_document_layout_build (IpsClientFile  *file,
                                               const char     *form_id,
                                               IpsLayoutFlags  flags,
                                               GDateTime      *time,
                                               GError        **error);

/* The forms a layout of @form_id (NULL: the whole record) holds, borrowed
 * from the file's catalog; an employer copy holds only forms with parts to
 * share. NULL and @error when the form is unknown or nothing can be shared. */
GPtrArray          *ips_layout_select_forms   (IpsClientFile  *file,
                                               const char     *form_id,
                                               IpsLayoutFlags  flags,
                                               GError        **error);

/* Shared with the ODT exporter */

/* "5 January 2026" from "2026-01-05", or NULL. */
char               *ips_layout_format_date      (const char          *iso);
/* "5 January 2026 at 14:03" */
char               *ips_layout_format_date_time (GDateTime           *time);
/* The answer as it reads on paper (option labels, "Yes", dates in words);
 * NULL when there is none. */
char               *ips_layout_format_value     (IpsFieldDefinition  *field,
                                                 const char          *value);
gboolean            ips_layout_multi_has        (const char          *value,
                                                 const char          *key);
/* The time an export shows: now, or SOURCE_DATE_EPOCH when set. */
GDateTime          *ips_layout_export_time      (void);
/* Whether a question appears: employer copies hold only shared parts, and a
 * follow-up whose condition is answered otherwise is left out. */
gboolean            ips_layout_is_shown         (IpsClientFile       *file,
                                                 IpsLayoutFlags       flags,
                                                 IpsFormDefinition   *form,
                                                 IpsFieldDefinition  *field);
gboolean            ips_layout_has_shareable_parts (IpsFormDefinition *form);
/* The day a signature field was last set, in words, or NULL. */
char               *ips_layout_signature_date   (IpsClientFile       *file,
                                                 const char          *form_id,
                                                 const char          *key);

/* The names of a 2 x 2 grid of point lists, from their four labels ("Advantages
 * of returning to work"...); FALSE when the labels do not make a grid. */
typedef struct
{
  char  *rows[2];
  char  *columns[2];
  guint  cell[2][2];    /* index of the group in each cell */
} IpsGridNames;

gboolean            ips_layout_derive_grid_names (GPtrArray          *groups,
                                                  IpsGridNames       *names);
void                ips_grid_names_clear         (IpsGridNames       *names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IpsLayoutBlock, ips_layout_block_free)

G_END_DECLS
