/* store_contact_impl.h: what the contacts store files share; private to src/store/contacts/. */
#ifndef FARO_STORE_CONTACT_IMPL_H
#define FARO_STORE_CONTACT_IMPL_H

#include "store/contacts/store_contact.h"
#include "store/store_impl.h"

/* store_contact_tag_fill: a contact_tag_rec from row i (id, label_es, label_en, active, created,
 * updated). */
void store_contact_tag_fill(struct arena *a, const struct db_res *r, int i, void *rec);

/* store_contact_id_val: an id parameter, NULL for 0 (no link, no actor) */
static inline struct db_val store_contact_id_val(int64_t id)
{
	return id ? DBV_INT_(id) : DBV_NULL_;
}

#endif
