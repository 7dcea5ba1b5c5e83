/*
 * vmcs.h - typed, checked access to the current VMCS.
 *
 * A VMREAD or VMWRITE that fails is a bug in hvlab (wrong field, field the
 * CPU does not have, read-only field): the accessors print the field's name,
 * the value and the VM-instruction error, then stop the run.
 */
#ifndef HV_VMX_VMCS_H
#define HV_VMX_VMCS_H

#include "vmcs_fields.h"
#include "hv/types.h"

u64 vmcs_read(enum vmcs_field f);
void vmcs_write(enum vmcs_field f, u64 value);

static inline u16 vmcs_read16(enum vmcs_field f) { return (u16)vmcs_read(f); }
static inline u32 vmcs_read32(enum vmcs_field f) { return (u32)vmcs_read(f); }
static inline u64 vmcs_read64(enum vmcs_field f) { return vmcs_read(f); }
static inline void vmcs_write16(enum vmcs_field f, u16 v) { vmcs_write(f, v); }
static inline void vmcs_write32(enum vmcs_field f, u32 v) { vmcs_write(f, v); }
static inline void vmcs_write64(enum vmcs_field f, u64 v) { vmcs_write(f, v); }

/* VM_INSTRUCTION_ERROR of the current VMCS, read without the checks above
 * (used while reporting another failure). */
u32 vmcs_instruction_error(void);

#endif
