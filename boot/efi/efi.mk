esp:
$(BUILD)/hvlab.efi:
