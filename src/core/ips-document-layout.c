/* ips-document-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ips-document-layout.h"
#include "ips-error.h"
#include "ips-journey.h"
#include "ips-signature.h"

/* Lines left for handwriting where an answer or a list is empty. */
#define BLANK_LINES_SHORT 1
#define BLANK_LINES_LONG 3
#define BLANK_TABLE_ROWS 3
/* The decision balance's row names take a fifth of the width. */
#define GRID_HEADER_SHARE 0.2

/* Formatting answers */

char *
ips_layout_format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;
  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date == NULL)
    return NULL;
  /* TRANSLATORS: a date in a printed form, as in "5 January 2026"; see g_date_time_format() */
  return g_date_time_format (date, C_("date", "%-d %B %Y"));
}

char *
ips_layout_format_date_time (GDateTime *time)
{
  g_autofree char *date = g_date_time_format (time, "%Y-%m-%d");
  g_autofree char *day = ips_layout_format_date (date);
  g_autofree char *clock = g_date_time_format (time, "%H:%M");

  /* TRANSLATORS: a date and a time, as in "5 January 2026 at 14:03" */
  return g_strdup_printf (_("%s at %s"), day, clock);
}

/* The answer in one line or a few, as written in a table cell or an answer
 * paragraph; NULL when there is none. */
char *
ips_layout_format_value (IpsFieldDefinition *field,
              const char         *value)
{
  if (value == NULL || *value == '\0')
    return NULL;

  switch (ips_field_definition_get_field_type (field))
    {
    case IPS_FIELD_DATE:
      {
        char *date = ips_layout_format_date (value);

        return date ? date : g_strdup (value);
      }

    case IPS_FIELD_YESNO:
      if (g_strcmp0 (value, "yes") == 0)
        return g_strdup (_("Yes"));
      if (g_strcmp0 (value, "no") == 0)
        return g_strdup (_("No"));
      return g_strdup (value);

    case IPS_FIELD_CHOICE:
      {
        const char *label = ips_field_definition_lookup_option_label (field, value);

        return g_strdup (label ? label : value);
      }

    case IPS_FIELD_MULTI:
      {
        g_auto(GStrv) keys = ips_field_definition_split_multi (value);
        g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
        g_auto(GStrv) list = NULL;

        for (guint i = 0; keys && keys[i]; i++)
          {
            const char *label = ips_field_definition_lookup_option_label (field, keys[i]);

            g_strv_builder_add (labels, label ? label : keys[i]);
          }
        list = g_strv_builder_end (labels);
        return g_strjoinv ("\n", list);
      }

    case IPS_FIELD_TEXT:
    case IPS_FIELD_LONG:
    case IPS_FIELD_TIME:
    case IPS_FIELD_NUMBER:
    case IPS_FIELD_SIGNATURE:
    case IPS_FIELD_ROWS:
    case IPS_FIELD_POINTS:
    default:
      return g_strdup (value);
    }
}

gboolean
ips_layout_multi_has (const char *value,
           const char *key)
{
  g_auto(GStrv) keys = ips_field_definition_split_multi (value);

  return keys != NULL && g_strv_contains ((const char * const *)keys, key);
}

/* The 2 x 2 grid of a decision balance. The row and column names come from
 * the four labels, each "A of B" (say "Advantages of returning to work"): the
 * part that differs between the first two labels names the columns, as the
 * groups are declared in reading order. */

static gboolean
is_filler (const char *word)
{
  static const char * const fillers[] = { "of", "for", "to", "about", "in", "on", "with", NULL };
  const char *p;

  if (g_strv_contains (fillers, word))
    return TRUE;
  for (p = word; *p; p = g_utf8_next_char (p))
    if (!g_unichar_ispunct (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static char *
join_words (char  **words,
            guint   from,
            guint   to)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[i]);
    }
  /* "Returning to work:" names the row "Returning to work" */
  while (text->len > 0 && strchr (":;,.-", text->str[text->len - 1]) != NULL)
    g_string_truncate (text, text->len - 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
capitalize (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  g_autoptr(GString) result = g_string_new (NULL);

  g_string_append_unichar (result, g_unichar_totitle (first));
  g_string_append (result, g_utf8_next_char (text));
  return g_string_free (g_steal_pointer (&result), FALSE);
}

#define MAX_GRID_WORDS 16

typedef struct
{
  char *part[2][MAX_GRID_WORDS];   /* before and after each split, NULL when empty */
  char *key[2][MAX_GRID_WORDS];    /* the same, case folded */
  guint score[MAX_GRID_WORDS];     /* how clearly the label divides there */
  guint n_splits;
} LabelSplits;

static void
label_splits_clear (LabelSplits *s)
{
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < MAX_GRID_WORDS; i++)
      {
        g_free (s->part[k][i]);
        g_free (s->key[k][i]);
      }
}

static gboolean
ends_in_punctuation (const char *word)
{
  const char *last = g_utf8_find_prev_char (word, word + strlen (word));

  return last != NULL && g_unichar_ispunct (g_utf8_get_char (last));
}

static gboolean
label_splits_init (LabelSplits *s,
                   const char  *label)
{
  g_auto(GStrv) all = g_strsplit (label ? label : "", " ", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  memset (s, 0, sizeof *s);
  for (guint i = 0; all[i]; i++)
    if (*all[i] != '\0')
      g_ptr_array_add (words, all[i]);
  if (words->len < 2 || words->len > MAX_GRID_WORDS)
    return FALSE;

  s->n_splits = words->len - 1;
  for (guint i = 0; i < s->n_splits; i++)
    {
      char **w = (char **)words->pdata;
      guint from = 0, mid_a = i + 1, mid_b = i + 1, to = words->len;

      while (mid_a > from && is_filler (w[mid_a - 1]))
        mid_a--;
      while (mid_b < to && is_filler (w[mid_b]))
        mid_b++;
      if (mid_a == from || mid_b == to)
        continue;

      s->part[0][i] = join_words (w, from, mid_a);
      s->part[1][i] = join_words (w, mid_b, to);
      s->key[0][i] = g_utf8_casefold (s->part[0][i], -1);
      s->key[1][i] = g_utf8_casefold (s->part[1][i], -1);
      /* "Returning to work: advantages" divides at the colon, "Advantages
       * of returning to work" at "of"; elsewhere only if nothing else fits */
      s->score[i] = 0;
      for (guint j = mid_a; j < mid_b; j++)
        s->score[i] = MAX (s->score[i], is_filler (w[j]) && !ends_in_punctuation (w[j]) ? 1u : 2u);
      if (ends_in_punctuation (w[mid_a - 1]))
        s->score[i] = 2;
    }
  return TRUE;
}

void
ips_grid_names_clear (IpsGridNames *g)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (g->rows[i]);
      g_free (g->columns[i]);
    }
}

static guint
distinct (const char * const *v)
{
  guint n = 0;

  for (guint i = 0; i < 4; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i; j++)
        seen = seen || g_strcmp0 (v[i], v[j]) == 0;
      n += seen ? 0 : 1;
    }
  return n;
}

/* Whether dividing the labels at @at gives two names of each kind that
 * combine into the four labels. */
static gboolean
is_grid (LabelSplits  *s,
         const guint  *at)
{
  const char *a[4], *b[4];
  char *pairs[4];
  gboolean grid;

  for (guint i = 0; i < 4; i++)
    {
      a[i] = s[i].key[0][at[i]];
      b[i] = s[i].key[1][at[i]];
      if (a[i] == NULL)
        return FALSE;
    }
  if (distinct (a) != 2 || distinct (b) != 2)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    pairs[i] = g_strconcat (a[i], "\n", b[i], NULL);
  grid = distinct ((const char * const *)pairs) == 4;
  for (guint i = 0; i < 4; i++)
    g_free (pairs[i]);
  return grid;
}

gboolean
ips_layout_derive_grid_names (GPtrArray *groups,
                   IpsGridNames *names)
{
  LabelSplits s[4];
  gboolean ok = TRUE;
  guint at[4] = { 0, 0, 0, 0 };
  guint best[4] = { 0, 0, 0, 0 };
  int best_score = -1;

  memset (names, 0, sizeof *names);
  for (guint i = 0; i < 4; i++)
    ok = label_splits_init (&s[i], ips_field_definition_get_label (g_ptr_array_index (groups, i))) && ok;

  /* every way of dividing the four labels; at most 15^4 */
  while (ok)
    {
      guint i = 0;

      if (is_grid (s, at))
        {
          int score = (int)(s[0].score[at[0]] + s[1].score[at[1]] + s[2].score[at[2]] + s[3].score[at[3]]);

          if (score > best_score)
            {
              best_score = score;
              memcpy (best, at, sizeof best);
            }
        }

      while (i < 4 && ++at[i] == s[i].n_splits)
        at[i++] = 0;
      if (i == 4)
        break;
    }

  if (best_score >= 0)
    {
      /* k: the part that differs between the first two labels names the columns */
      guint k = g_strcmp0 (s[0].key[0][best[0]], s[1].key[0][best[1]]) != 0 ? 0 : 1;
      const char *column_key[4], *row_key[4];
      guint other_row = 1;

      for (guint i = 0; i < 4; i++)
        {
          column_key[i] = s[i].key[k][best[i]];
          row_key[i] = s[i].key[1 - k][best[i]];
        }
      while (g_strcmp0 (row_key[other_row], row_key[0]) == 0)
        other_row++;

      names->columns[0] = capitalize (s[0].part[k][best[0]]);
      names->columns[1] = capitalize (s[1].part[k][best[1]]);
      names->rows[0] = capitalize (s[0].part[1 - k][best[0]]);
      names->rows[1] = capitalize (s[other_row].part[1 - k][best[other_row]]);
      for (guint i = 0; i < 4; i++)
        {
          guint r = g_strcmp0 (row_key[i], row_key[0]) == 0 ? 0 : 1;
          guint c = g_strcmp0 (column_key[i], column_key[0]) == 0 ? 0 : 1;

          names->cell[r][c] = i;
        }
    }

  for (guint i = 0; i < 4; i++)
    label_splits_clear (&s[i]);
  return best_score >= 0;
}

char *
ips_layout_signature_date (IpsClientFile *file,
                           const char    *form_id,
                           const char    *key)
{
  g_autoptr(GListModel) history = ips_client_file_list_history (file, form_id, NULL, NULL, key);
  g_autoptr(IpsHistoryEntry) last = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  guint n;

  if (history == NULL || (n = g_list_model_get_n_items (history)) == 0)
    return NULL;
  last = g_list_model_get_item (history, n - 1);
  time = ips_history_entry_dup_date_time (last);
  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  day = g_date_time_format (local, "%Y-%m-%d");
  return ips_layout_format_date (day);
}

static gboolean
has_answer (IpsClientFile      *file,
            const char         *form_id,
            IpsFieldDefinition *field)
{
  const char *key = ips_field_definition_get_key (field);

  if (ips_field_definition_is_group (field))
    {
      g_auto(GStrv) rows = ips_client_file_list_rows (file, form_id, key);

      return rows != NULL && rows[0] != NULL;
    }
  else
    {
      g_autofree char *value = ips_client_file_get_value (file, form_id, key);

      return value != NULL && *value != '\0';
    }
}

static gboolean
is_shared (IpsClientFile      *file,
           const char         *form_id,
           IpsFieldDefinition *field)
{
  const char *share_key = ips_field_definition_get_share_key (field);
  g_autofree char *shared = NULL;

  if (share_key == NULL)
    return FALSE;
  shared = ips_client_file_get_value (file, form_id, share_key);
  return g_strcmp0 (shared, "yes") == 0;
}

gboolean
ips_layout_is_shown (IpsClientFile      *file,
                     IpsLayoutFlags      flags,
                     IpsFormDefinition  *form,
                     IpsFieldDefinition *field)
{
  const char *form_id = ips_form_definition_get_id (form);
  const char *when_key = ips_field_definition_get_when_key (field);

  if ((flags & IPS_LAYOUT_EMPLOYER_COPY) && !is_shared (file, form_id, field))
    return FALSE;

  /* A follow-up question whose condition is answered otherwise ("If
   * volunteering, for how long" after "no") is left out unless answered;
   * while the condition is unanswered it stays, to be completed by hand. */
  if (when_key != NULL)
    {
      IpsFieldDefinition *condition = ips_form_definition_lookup_field (form, when_key);
      const char *when_value = ips_field_definition_get_when_value (field);
      g_autofree char *value = ips_client_file_get_value (file, form_id, when_key);
      gboolean met;

      if (value == NULL || *value == '\0')
        return TRUE;
      if (condition != NULL && ips_field_definition_get_field_type (condition) == IPS_FIELD_MULTI)
        met = ips_layout_multi_has (value, when_value);
      else
        met = g_strcmp0 (value, when_value) == 0;
      if (!met && !has_answer (file, form_id, field))
        return FALSE;
    }
  return TRUE;
}

gboolean
ips_layout_has_shareable_parts (IpsFormDefinition *form)
{
  GPtrArray *fields = ips_form_definition_get_all_fields (form);

  for (guint i = 0; i < fields->len; i++)
    if (ips_field_definition_get_share_key (g_ptr_array_index (fields, i)) != NULL)
      return TRUE;
  return FALSE;
}

GDateTime *
ips_layout_export_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  g_autoptr(GDateTime) now = NULL;

  /* The reproducible-builds convention: a fixed time, shown in UTC. */
  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    {
      GDateTime *time = g_date_time_new_from_unix_utc ((gint64)seconds);

      if (time != NULL)
        return time;
    }

  /* whole seconds, as the package's file times have no more */
  now = g_date_time_new_now_local ();
  return g_date_time_new_from_unix_local (g_date_time_to_unix (now));
}

/* Blocks */

void
ips_layout_block_free (IpsLayoutBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->text);
  g_free (block->caption);
  g_clear_pointer (&block->widths, g_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block->signature);
  g_free (block->date);
  g_free (block->note);
  g_free (block);
}

static void
cell_free (gpointer data)
{
  IpsLayoutCell *cell = data;

  g_free (cell->title);
  g_free (cell->text);
  g_strfreev (cell->points);
  g_free (cell->signature);
  g_free (cell->signature_title);
  g_free (cell);
}

static void
row_free (gpointer data)
{
  IpsLayoutRow *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

typedef struct
{
  IpsClientFile  *file;
  IpsLayoutFlags  flags;
  GPtrArray      *blocks;
} Builder;

static IpsLayoutBlock *
add_block (Builder      *b,
           IpsBlockKind  kind,
           const char   *text)
{
  IpsLayoutBlock *block = g_new0 (IpsLayoutBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (b->blocks, block);
  return block;
}

static IpsLayoutBlock *
add_table (Builder *b,
           guint    n_columns,
           const double *shares)
{
  IpsLayoutBlock *table = add_block (b, IPS_BLOCK_TABLE, NULL);

  table->widths = g_array_sized_new (FALSE, FALSE, sizeof (double), n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      double share = shares ? shares[i] : 1.0 / n_columns;

      g_array_append_val (table->widths, share);
    }
  table->rows = g_ptr_array_new_with_free_func (row_free);
  return table;
}

static IpsLayoutRow *
add_row (IpsLayoutBlock *table,
         IpsRowKind      kind)
{
  IpsLayoutRow *row = g_new0 (IpsLayoutRow, 1);

  row->kind = kind;
  row->cells = g_ptr_array_new_with_free_func (cell_free);
  g_ptr_array_add (table->rows, row);
  return row;
}

static IpsLayoutCell *
add_cell (IpsLayoutRow *row,
          gboolean      heading,
          const char   *text)
{
  IpsLayoutCell *cell = g_new0 (IpsLayoutCell, 1);

  cell->heading = heading;
  cell->text = g_strdup (text);
  g_ptr_array_add (row->cells, cell);
  return cell;
}

static GStrv
point_texts (Builder    *b,
             const char *form_id,
             IpsFieldDefinition *group)
{
  g_auto(GStrv) rows = ips_client_file_list_rows (b->file, form_id, ips_field_definition_get_key (group));
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  for (guint i = 0; rows && rows[i]; i++)
    {
      g_autofree char *text = ips_client_file_get_row_value (b->file, rows[i], IPS_POINT_TEXT_KEY);

      g_strv_builder_add (texts, text ? text : "");
    }
  return g_strv_builder_end (texts);
}

static void
add_label (Builder            *b,
           IpsFieldDefinition *field)
{
  const char *help = ips_field_definition_get_help (field);

  add_block (b, IPS_BLOCK_LABEL, ips_field_definition_get_label (field));
  if (help != NULL && *help != '\0')
    add_block (b, IPS_BLOCK_HELP, help);
}

static void
add_rows (Builder            *b,
          const char         *form_id,
          IpsFieldDefinition *group)
{
  GPtrArray *fields = ips_field_definition_get_fields (group);
  g_auto(GStrv) rows = ips_client_file_list_rows (b->file, form_id, ips_field_definition_get_key (group));
  IpsLayoutBlock *table;
  IpsLayoutRow *row;

  add_label (b, group);
  table = add_table (b, fields->len, NULL);
  table->caption = g_strdup (ips_field_definition_get_label (group));
  row = add_row (table, IPS_ROW_HEADER);
  for (guint i = 0; i < fields->len; i++)
    add_cell (row, TRUE, ips_field_definition_get_label (g_ptr_array_index (fields, i)));

  for (guint r = 0; rows && rows[r]; r++)
    {
      row = add_row (table, IPS_ROW_BODY);
      for (guint i = 0; i < fields->len; i++)
        {
          IpsFieldDefinition *field = g_ptr_array_index (fields, i);
          g_autofree char *value = ips_client_file_get_row_value (b->file, rows[r],
                                                                  ips_field_definition_get_key (field));

          if (ips_field_definition_get_field_type (field) == IPS_FIELD_SIGNATURE)
            {
              IpsLayoutCell *cell = add_cell (row, FALSE, NULL);

              cell->signature = value ? ips_signature_normalize_path (value, &cell->signature_bounds) : NULL;
              cell->signature_title = g_strdup (ips_field_definition_get_label (field));
            }
          else
            {
              g_autofree char *text = ips_layout_format_value (field, value);

              add_cell (row, FALSE, text);
            }
        }
    }

  if (rows == NULL || rows[0] == NULL)
    for (guint r = 0; r < BLANK_TABLE_ROWS; r++)
      {
        row = add_row (table, IPS_ROW_BLANK);
        for (guint i = 0; i < fields->len; i++)
          add_cell (row, FALSE, NULL);
      }
}

/* A list of points on its own: a one-column table, one row per point. */
static void
add_points (Builder            *b,
            const char         *form_id,
            IpsFieldDefinition *group)
{
  g_auto(GStrv) points = point_texts (b, form_id, group);
  const char *help = ips_field_definition_get_help (group);
  IpsLayoutBlock *table;

  if (help != NULL && *help != '\0')
    add_block (b, IPS_BLOCK_HELP, help);
  table = add_table (b, 1, NULL);
  table->caption = g_strdup (ips_field_definition_get_label (group));
  add_cell (add_row (table, IPS_ROW_HEADER), TRUE, ips_field_definition_get_label (group));
  for (guint r = 0; points[r]; r++)
    add_cell (add_row (table, IPS_ROW_BODY), FALSE, points[r]);
  if (points[0] == NULL)
    for (guint r = 0; r < BLANK_TABLE_ROWS; r++)
      add_cell (add_row (table, IPS_ROW_BLANK), FALSE, NULL);
}

static IpsLayoutCell *
add_points_cell (Builder            *b,
                 IpsLayoutRow       *row,
                 const char         *form_id,
                 IpsFieldDefinition *group)
{
  IpsLayoutCell *cell = add_cell (row, FALSE, NULL);

  cell->points = point_texts (b, form_id, group);
  return cell;
}

/* Two lists side by side, such as the advantages and disadvantages of sharing. */
static void
add_points_pair (Builder            *b,
                 const char         *form_id,
                 IpsFieldDefinition *first,
                 IpsFieldDefinition *second)
{
  IpsLayoutBlock *table = add_table (b, 2, NULL);
  IpsLayoutRow *header = add_row (table, IPS_ROW_HEADER);
  IpsLayoutRow *row = add_row (table, IPS_ROW_GRID);

  add_cell (header, TRUE, ips_field_definition_get_label (first));
  add_cell (header, TRUE, ips_field_definition_get_label (second));
  add_points_cell (b, row, form_id, first);
  add_points_cell (b, row, form_id, second);
}

/* The decision balance's 2 x 2 grid. */
static void
add_points_grid (Builder    *b,
                 const char *form_id,
                 GPtrArray  *groups)
{
  IpsGridNames names;
  IpsLayoutBlock *table;

  if (ips_layout_derive_grid_names (groups, &names))
    {
      const double shares[3] = { GRID_HEADER_SHARE, (1 - GRID_HEADER_SHARE) / 2, (1 - GRID_HEADER_SHARE) / 2 };
      IpsLayoutRow *row;

      table = add_table (b, 3, shares);
      row = add_row (table, IPS_ROW_HEADER);
      add_cell (row, TRUE, NULL);
      add_cell (row, TRUE, names.columns[0]);
      add_cell (row, TRUE, names.columns[1]);
      for (guint r = 0; r < 2; r++)
        {
          row = add_row (table, IPS_ROW_GRID);
          add_cell (row, TRUE, names.rows[r]);
          for (guint c = 0; c < 2; c++)
            add_points_cell (b, row, form_id, g_ptr_array_index (groups, names.cell[r][c]));
        }
      ips_grid_names_clear (&names);
    }
  else
    {
      /* Labels that do not make a grid: each cell says what it holds. */
      table = add_table (b, 2, NULL);
      for (guint r = 0; r < 2; r++)
        {
          IpsLayoutRow *row = add_row (table, IPS_ROW_GRID);

          for (guint c = 0; c < 2; c++)
            {
              IpsFieldDefinition *group = g_ptr_array_index (groups, 2 * r + c);

              add_points_cell (b, row, form_id, group)->title = g_strdup (ips_field_definition_get_label (group));
            }
        }
    }
}

static void
add_options (Builder            *b,
             IpsFieldDefinition *field,
             const char         *value)
{
  IpsFieldType type = ips_field_definition_get_field_type (field);

  for (guint i = 0; i < ips_field_definition_get_n_options (field); i++)
    {
      const char *key = ips_field_definition_get_option_key (field, i);
      gboolean ticked = type == IPS_FIELD_MULTI ? ips_layout_multi_has (value, key) : g_strcmp0 (value, key) == 0;
      g_autofree char *line = g_strdup_printf ("%s %s", ticked ? "☑" : "☐",
                                               ips_field_definition_get_option_label (field, i));

      add_block (b, IPS_BLOCK_OPTION, line)->ticked = ticked;
    }
}

static void
add_field (Builder            *b,
           const char         *form_id,
           IpsFieldDefinition *field)
{
  IpsFieldType type = ips_field_definition_get_field_type (field);
  const char *key = ips_field_definition_get_key (field);
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  if (type == IPS_FIELD_ROWS)
    {
      add_rows (b, form_id, field);
      return;
    }
  if (type == IPS_FIELD_POINTS)
    {
      add_points (b, form_id, field);
      return;
    }

  value = ips_client_file_get_value (b->file, form_id, key);
  add_label (b, field);

  if (type == IPS_FIELD_SIGNATURE)
    {
      IpsLayoutBlock *block = add_block (b, IPS_BLOCK_SIGNATURE, ips_field_definition_get_label (field));

      if (value != NULL && *value != '\0')
        block->signature = ips_signature_normalize_path (value, &block->signature_bounds);
      if (block->signature != NULL)
        {
          GDate signed_on;
          IpsSignatureState state = ips_signature_get_state (b->file, form_id, key, &signed_on);

          if (g_date_valid (&signed_on))
            {
              g_autofree char *day = ips_date_format (&signed_on);

              block->date = ips_layout_format_date (day);
            }
          else
            block->date = ips_layout_signature_date (b->file, form_id, key);

          /* A signature given before the last edit says so, as the window does. */
          if (state == IPS_SIGNATURE_EARLIER_VERSION)
            block->note = ips_signature_describe (state, &signed_on);
        }
      return;
    }

  text = ips_layout_format_value (field, value);
  if (type == IPS_FIELD_MULTI || (type == IPS_FIELD_CHOICE && text == NULL))
    add_options (b, field, value);
  else if (type == IPS_FIELD_YESNO && text == NULL)
    {
      g_autofree char *line = g_strdup_printf ("☐ %s    ☐ %s", _("Yes"), _("No"));

      add_block (b, IPS_BLOCK_OPTION, line);
    }
  else if (text != NULL)
    add_block (b, IPS_BLOCK_ANSWER, text);
  else
    add_block (b, IPS_BLOCK_BLANK, NULL)->n_lines = type == IPS_FIELD_LONG ? BLANK_LINES_LONG : BLANK_LINES_SHORT;
}

static gboolean
add_section (Builder           *b,
             IpsFormDefinition *form,
             IpsFormSection    *section)
{
  const char *form_id = ips_form_definition_get_id (form);
  GPtrArray *fields = ips_form_section_get_fields (section);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GPtrArray) points = g_ptr_array_new ();

  for (guint i = 0; i < fields->len; i++)
    {
      IpsFieldDefinition *field = g_ptr_array_index (fields, i);

      if (!ips_layout_is_shown (b->file, b->flags, form, field))
        continue;
      /* A signature's date and version are written on its line. */
      if (ips_signature_lookup_owner (form, ips_field_definition_get_key (field)) != NULL)
        continue;
      g_ptr_array_add (shown, field);
      if (ips_field_definition_get_field_type (field) == IPS_FIELD_POINTS)
        g_ptr_array_add (points, field);
    }

  if (shown->len == 0 && (b->flags & IPS_LAYOUT_EMPLOYER_COPY))
    return FALSE;

  add_block (b, IPS_BLOCK_HEADING, ips_form_section_get_title (section));

  /* As in the ODT: four lists in a section make the decision balance's grid,
   * two lists next to each other are set side by side. */
  for (guint i = 0; i < shown->len; i++)
    {
      IpsFieldDefinition *field = g_ptr_array_index (shown, i);
      IpsFieldDefinition *next = i + 1 < shown->len ? g_ptr_array_index (shown, i + 1) : NULL;
      IpsFieldDefinition *after = i + 2 < shown->len ? g_ptr_array_index (shown, i + 2) : NULL;

      if (ips_field_definition_get_field_type (field) != IPS_FIELD_POINTS)
        add_field (b, form_id, field);
      else if (points->len == 4)
        {
          if (field == g_ptr_array_index (points, 0))
            add_points_grid (b, form_id, points);
        }
      else if (next != NULL && ips_field_definition_get_field_type (next) == IPS_FIELD_POINTS &&
               (after == NULL || ips_field_definition_get_field_type (after) != IPS_FIELD_POINTS) &&
               (i == 0 || ips_field_definition_get_field_type (g_ptr_array_index (shown, i - 1)) != IPS_FIELD_POINTS))
        {
          add_points_pair (b, form_id, field, next);
          i++;
        }
      else
        add_field (b, form_id, field);
    }
  return TRUE;
}

static void
add_form (Builder           *b,
          IpsFormDefinition *form,
          const char        *client_name,
          const char        *date_line)
{
  GPtrArray *sections = ips_form_definition_get_sections (form);
  gboolean any = FALSE;

  add_block (b, IPS_BLOCK_CLIENT_NAME, client_name);
  add_block (b, IPS_BLOCK_TITLE, ips_form_definition_get_title (form));
  add_block (b, IPS_BLOCK_DATE, date_line);
  if (b->flags & IPS_LAYOUT_EMPLOYER_COPY)
    add_block (b, IPS_BLOCK_NOTE, _("Copy for the employer: only the parts the client agreed to share."));

  for (guint i = 0; i < sections->len; i++)
    any = add_section (b, form, g_ptr_array_index (sections, i)) || any;

  if (!any && (b->flags & IPS_LAYOUT_EMPLOYER_COPY))
    add_block (b, IPS_BLOCK_NOTE, _("Nothing on this form is marked for sharing with the employer."));
}

GPtrArray *
ips_layout_select_forms (IpsClientFile   *file,
                         const char      *form_id,
                         IpsLayoutFlags   flags,
                         GError         **error)
{
  IpsFormCatalog *catalog = ips_client_file_get_catalog (file);
  g_autoptr(GPtrArray) forms = g_ptr_array_new ();

  if (form_id != NULL)
    {
      IpsFormDefinition *form = ips_form_catalog_lookup (catalog, form_id);

      if (form == NULL)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM,
                       _("There is no form called “%s”"), form_id);
          return NULL;
        }
      g_ptr_array_add (forms, form);
      return g_steal_pointer (&forms);
    }

  for (guint i = 0; i < ips_form_catalog_get_n_forms (catalog); i++)
    {
      IpsFormDefinition *form = ips_form_catalog_get_form (catalog, i);

      if (!(flags & IPS_LAYOUT_EMPLOYER_COPY) || ips_layout_has_shareable_parts (form))
        g_ptr_array_add (forms, form);
    }
  if (forms->len == 0)
    {
      g_set_error_literal (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM,
                           _("No form has parts that can be shared with an employer"));
      return NULL;
    }
  return g_steal_pointer (&forms);
}

GPtrArray *
ips_document_layout_build (IpsClientFile  *file,
                           const char     *form_id,
                           IpsLayoutFlags  flags,
                           GDateTime      *time,
                           GError        **error)
{
  g_autoptr(GPtrArray) forms = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *client_name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date_line = NULL;
  Builder b = { file, flags, NULL };

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Everything the layout reads, the client's name included, is one state
   * of the record: printing builds the layout on its own. */
  ips_client_file_begin_read (file);
  forms = ips_layout_select_forms (file, form_id, flags, error);
  if (forms == NULL)
    {
      ips_client_file_end_read (file);
      return NULL;
    }

  if (time == NULL)
    time = now = g_date_time_new_now_local ();
  date = g_date_time_format (time, "%Y-%m-%d");
  day = ips_layout_format_date (date);
  date_line = g_strdup_printf (_("Date: %s"), day);
  client_name = ips_client_file_dup_client_name (file);

  b.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)ips_layout_block_free);
  for (guint i = 0; i < forms->len; i++)
    add_form (&b, g_ptr_array_index (forms, i), client_name ? client_name : _("Client"), date_line);
  ips_client_file_end_read (file);
  return b.blocks;
}
