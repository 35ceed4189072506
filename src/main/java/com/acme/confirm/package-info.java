@NullMarked
package com.acme.confirm;

import org.jspecify.annotations.NullMarked;
