// The children of report.xml's first <configuration> (empty in tcpflow 1.6.1,
// so readers of 1.6.1 reports, which look at the second one that wraps the
// <fileobject>s, are not disturbed):
//
//   <scanners>
//     <scanner name='md5' version='2.0.0' abi='1.3' path='...' enabled='1'>
//       <setting name='md5_algorithms' value='md5'/>
//     </scanner>
//   </scanners>
//   <core_settings>
//     <setting name='tcp_timeout' value='30' default='0'/>
//   </core_settings>
//
// An empty list leaves its element out, so a run without scanners or changed
// settings keeps 1.6.1's empty <configuration>.
#pragma once
#include "output/run_description.h"

namespace tcpflow {

class XmlWriter;

/// Writes the elements above, each line indented by four spaces.
void write_run_configuration(XmlWriter& w, const RunDescription& run);

}  // namespace tcpflow
