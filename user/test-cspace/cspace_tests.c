/* Capability space: identify, copy, mint, move, delete, revoke. */
#include "user/lib/utest.h"

UTEST(identify_root_caps)
{
	uint64_t info;
	UCHECK_EQ(st_cap_identify(ST_ROOT_CNODE, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_CNODE);
	UCHECK_EQ(ST_CAP_INFO_SIZE_BITS(info), utest_bootinfo->cnode_size_bits);
	UCHECK_EQ(st_cap_identify(ST_ROOT_THREAD, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_THREAD);
	UCHECK_EQ(st_cap_identify(ST_ROOT_VSPACE, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_VSPACE);
	UCHECK_EQ(st_cap_identify(ST_ROOT_IRQ_CONTROL, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_IRQ_CONTROL);
	UCHECK_EQ(st_cap_identify(ST_ROOT_IO_PORT_CONTROL, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_IO_PORT_CONTROL);
	UCHECK_EQ(st_cap_identify(ST_ROOT_BOOTINFO_FRAME, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_FRAME);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
}

UTEST(identify_bad_slots)
{
	UCHECK_EQ(st_cap_identify(0, NULL, NULL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_identify(1u << utest_bootinfo->cnode_size_bits, NULL, NULL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_identify(utest_slot(), NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(ST_SLOT(ST_ROOT_THREAD, 1), NULL, NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_cap_identify(ST_SLOT(0xffffffffu, 1), NULL, NULL), ST_ERROR_INVALID_SLOT);
}
